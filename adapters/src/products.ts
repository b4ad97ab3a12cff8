// Product detail by url key or sku. Cached per (store, currency, group), tagged `cat_p_<id>` for the
// product and each variant, plus whatever Magento itself tagged the answer with.
import type { RequestContext } from "./domain/context.ts";
import type { Product } from "./domain/product.ts";
import { productQuery } from "./magento/queries/products.ts";
import { reshapeProduct, tagsOfProduct } from "./magento/reshape-product.ts";
import { readThrough } from "./read-through.ts";
import { requireText } from "./arguments.ts";
import type { AreaDeps } from "./read-through.ts";

interface ProductsAnswer {
  products?: { items?: unknown[] | null } | null;
}

interface TaggedProduct {
  product: Product;
  tags: string[];
}

async function fetchProduct(deps: AreaDeps, filter: object, ctx: RequestContext): Promise<TaggedProduct | undefined> {
  const answer = await deps.graphql.request<ProductsAnswer>("product", productQuery, { filter }, ctx);
  const raw = answer?.data.products?.items?.[0];
  if (raw == null) return undefined;
  const product = reshapeProduct(raw);
  return { product, tags: [...new Set([...tagsOfProduct(raw, product), ...(answer?.tags ?? [])])] };
}

export function createProductsArea(deps: AreaDeps) {
  async function getProduct(by: "urlKey" | "sku", value: string, ctx: RequestContext): Promise<Product | undefined> {
    const filter = by === "urlKey" ? { url_key: { eq: value } } : { sku: { eq: value } };
    const tagged = await readThrough(deps, ctx, {
      resource: "product",
      args: { [by]: value },
      ttl: deps.config.ttls.product,
      tags: (entry: TaggedProduct | undefined) => entry?.tags ?? [],
      load: () => fetchProduct(deps, filter, ctx),
    });
    return tagged?.product;
  }
  return {
    getProductByUrlKey: async (urlKey: string, ctx: RequestContext = {}) =>
      getProduct("urlKey", requireText("urlKey", urlKey).replace(/^\//, "").replace(/\.html$/, ""), ctx),
    getProductBySku: async (sku: string, ctx: RequestContext = {}) => getProduct("sku", requireText("sku", sku), ctx),
  };
}
