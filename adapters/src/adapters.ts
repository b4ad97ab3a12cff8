// The public surface: what `createAdapters` returns. Only domain types cross this line.
import type { PurgeOutcome } from "./cache/cache-store.ts";
import type {
  AddToCartLine,
  Cart,
  CartLineUpdate,
  CartTotalsBreakdown,
  CategoryTree,
  Category,
  CmsBlock,
  CmsPage,
  Customer,
  CustomerSession,
  ListingQuery,
  OrderPage,
  Product,
  ProductListing,
  RequestContext,
  SearchQuery,
  SearchResult,
  StoreConfig,
  Stylesheet,
  UrlResolution,
} from "./domain/index.ts";

export interface Adapters {
  getProductByUrlKey(urlKey: string, ctx?: RequestContext): Promise<Product | undefined>;
  getProductBySku(sku: string, ctx?: RequestContext): Promise<Product | undefined>;
  getCategoryTree(ctx?: RequestContext): Promise<CategoryTree[]>;
  /** `path` like `women/tops-women` (with or without leading `/` and `.html`). */
  getCategoryByUrlPath(path: string, ctx?: RequestContext): Promise<Category | undefined>;
  listProducts(query: ListingQuery, ctx?: RequestContext): Promise<ProductListing>;
  searchProducts(query: SearchQuery, ctx?: RequestContext): Promise<SearchResult>;
  getCmsPage(identifier: string, ctx?: RequestContext): Promise<CmsPage | undefined>;
  /** Blocks that exist, in the order asked; missing identifiers are left out. */
  getCmsBlocks(identifiers: string[], ctx?: RequestContext): Promise<CmsBlock[]>;
  /** `path` like `/joust-duffle-bag.html`; `undefined` when Magento knows no such URL. */
  resolveUrl(path: string, ctx?: RequestContext): Promise<UrlResolution | undefined>;
  getStoreConfig(ctx?: RequestContext): Promise<StoreConfig>;
  /** The legacy theme's stylesheets, in the order the store's page head links them (read from its home page HTML). */
  getThemeStylesheets(ctx?: RequestContext): Promise<Stylesheet[]>;

  // Cart: never cached. Guest carts by masked id; with ctx.customerToken the customer's cart.
  createGuestCart(ctx?: RequestContext): Promise<string>;
  getCart(cartId: string, ctx?: RequestContext): Promise<Cart | undefined>;
  /** Full totals incl. shipping and tax (REST). With ctx.customerToken the customer's cart; `undefined` for an unknown guest cart. */
  getCartTotals(cartId: string, ctx?: RequestContext): Promise<CartTotalsBreakdown | undefined>;
  getCustomerCart(ctx: RequestContext & { customerToken: string }): Promise<Cart>;
  addToCart(cartId: string, lines: AddToCartLine[], ctx?: RequestContext): Promise<Cart>;
  updateCartItems(cartId: string, lines: CartLineUpdate[], ctx?: RequestContext): Promise<Cart>;
  removeCartItem(cartId: string, itemUid: string, ctx?: RequestContext): Promise<Cart>;

  // Customer: never cached.
  signIn(email: string, password: string, ctx?: RequestContext): Promise<CustomerSession>;
  getCustomer(ctx: RequestContext & { customerToken: string }): Promise<Customer>;
  signOut(ctx: RequestContext & { customerToken: string }): Promise<void>;
  getOrders(ctx: RequestContext & { customerToken: string }, page?: { page?: number; pageSize?: number }): Promise<OrderPage>;

  /** Drops every cached entry tagged with one of `tags` (Magento cache tags, e.g. `cat_p_1`). Returns the count dropped. */
  purge(tags: string[]): Promise<number>;
  /** Drops everything this adapter cached. */
  purgeAll(): Promise<number>;
  /**
   * The purge endpoint's purge: drops what `scope` names, stopping at `deadline` (epoch ms; one batch
   * always runs). `complete: false` means some entries remain: call it again to resume.
   */
  purgeWithin(scope: PurgeScope, deadline: number): Promise<PurgeOutcome>;
  /** Resolves true once the cache backend is connected; false after timeoutMs (default 2000), reads then go straight to Magento. */
  ready(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

/** What one purge asks for: Magento's tags, or everything (its "Flush Magento Cache", `.*`). */
export type PurgeScope = { all: true } | { all: false; tags: string[] };
