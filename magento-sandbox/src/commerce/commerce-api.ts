/**
 * The `Commerce` API itself; the entities it trades in live in `./types.ts`. Every cart call
 * takes the quote's masked id and the caller (`Viewer`) and applies Magento's GetCartForUser.
 */
import type { SessionStore } from "./sessions.ts";
import type {
  AddItemInput, Address, Cart, CartItem, CartUserError, Customer, CustomerToken, Destination, NewCustomerInput, Order, PaymentMethod,
  ShippingMethod, Viewer,
} from "./types.ts";

export interface Commerce {
  /** Storefront sessions (PHPSESSID → quote, customer, form key, messages). */
  readonly sessions: SessionStore;

  // Carts. `maskedId` names any quote (guest or customer), as Magento's quote_id_mask.
  /** New guest cart; `maskedId` (exactly 32 chars) may be chosen by the client (createGuestCart cart_uid). */
  createGuestCart(maskedId?: string): Cart;
  /** The cart if the viewer may use it (GetCartForUser); throws NoSuchEntity / Authorization / Input. */
  getCart(maskedId: string, viewer: Viewer): Cart;
  /** Like getCart, for a cart that may be inactive (order success pages). */
  findCart(maskedId: string): Cart | undefined;
  /** The customer's active cart, created when missing (customerCart, carts/mine). */
  getCustomerCart(customerId: number): Cart;
  /** Adds lines; per-line failures come back as user errors (addProductsToCart). */
  addItems(maskedId: string, viewer: Viewer, items: AddItemInput[]): { cart: Cart; errors: CartUserError[] };
  /** Adds one line and throws on failure (REST, storefront). Returns the cart and the item touched. */
  addItem(maskedId: string, viewer: Viewer, item: AddItemInput): { cart: Cart; item: CartItem };
  /** qty 0 removes the line (as updateCartItems). */
  updateItemQty(maskedId: string, viewer: Viewer, itemId: number, qty: number): Cart;
  removeItem(maskedId: string, viewer: Viewer, itemId: number): Cart;
  setGuestEmail(maskedId: string, viewer: Viewer, email: string): Cart;
  setShippingAddress(maskedId: string, viewer: Viewer, address: Address): Cart;
  setBillingAddress(maskedId: string, viewer: Viewer, address: Address, sameAsShipping?: boolean): Cart;
  /** Methods available for the cart's shipping address (or any address when none is set). */
  getShippingMethods(maskedId: string, viewer: Viewer): ShippingMethod[];
  /** Methods for a hypothetical address, without saving it (estimateShippingMethods). */
  estimateShippingMethods(maskedId: string, viewer: Viewer, address: Address): ShippingMethod[];
  /**
   * The cart as it would be for a destination (country, postcode, region) and an optional
   * shipping method, with the methods on offer there; nothing is saved (GraphQL estimateTotals).
   */
  estimateTotals(maskedId: string, viewer: Viewer, destination: Destination, method?: { carrierCode: string; methodCode: string }): { cart: Cart; shippingMethods: ShippingMethod[] };
  setShippingMethod(maskedId: string, viewer: Viewer, carrierCode: string, methodCode: string): Cart;
  getPaymentMethods(maskedId: string, viewer: Viewer): PaymentMethod[];
  setPaymentMethod(maskedId: string, viewer: Viewer, code: string): Cart;
  /** Converts the quote into an order and deactivates it. Throws InputError naming what is missing. */
  placeOrder(maskedId: string, viewer: Viewer): Order;
  /**
   * Magento's sign-in merge: the guest quote's lines go into the customer's active cart,
   * the guest quote is deactivated. Returns the customer's cart.
   */
  mergeCarts(sourceMaskedId: string, customerId: number, destinationMaskedId?: string): Cart;
  /**
   * REST PUT guest-carts/{id}: the guest quote becomes the customer's. Refused (InputError)
   * when the customer already has an active cart, as Magento's assignCustomer.
   */
  assignGuestCart(maskedId: string, customerId: number): Cart;

  // Customers and tokens.
  createCustomer(input: NewCustomerInput): Customer;
  getCustomer(customerId: number): Customer | undefined;
  /** Checks email + password; throws AuthenticationError with Magento's sign-in message. */
  authenticate(email: string, password: string): Customer;
  /** Customer token (JWT-shaped, 1 h lifetime as Magento's default). */
  createCustomerToken(email: string, password: string): CustomerToken;
  /** The customer id a valid, unrevoked, unexpired token names. */
  resolveCustomerToken(token: string): number | undefined;
  revokeCustomerTokens(customerId: number): void;
  /** Admin token for admin/admin123 (4 h lifetime); throws AuthenticationError otherwise. */
  createAdminToken(username: string, password: string): string;
  isAdminToken(token: string): boolean;

  // Orders.
  getOrder(orderId: number): Order | undefined;
  getOrderByIncrementId(incrementId: string): Order | undefined;
  listOrders(): Order[];
  listCustomerOrders(customerId: number): Order[];
}

export interface CommerceOptions {
  /** Clock in ms since epoch; default Date.now. Tests inject it to expire tokens. */
  now?: () => number;
  /** Random bytes source for masked ids and tokens; default crypto.randomBytes. */
  randomBytes?: (size: number) => Buffer;
  /** Secret that signs tokens; default a random one per process. */
  tokenSecret?: string;
  /** Seed the Luma sample customer (CustomerSampleData); default true. */
  seedCustomers?: boolean;
}
