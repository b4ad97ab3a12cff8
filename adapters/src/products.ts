// Product detail by url key or sku. Cached per (store, currency, group), tagged `cat_p_<id>` for the
// product and each variant, plus whatever Magento itself tagged the answer with.
import type { RequestContext } from "./domain/context.ts";
import type { Product } from "./domain/product.ts";
import { productQuery } from "./magento/queries/products.ts";
import { reshapeProduct, tagsOfProduct } from "./magento/reshape-product.ts";
import { readThrough } from "./read-through.ts";
import { requireText } from "./arguments.ts";
import type { AreaDeps, TagSink } from "./read-through.ts";

interface ProductsAnswer {
  products?: { items?: unknown[] | null } | null;
}

async function fetchProduct(deps: AreaDeps, filter: object, ctx: RequestContext, addTags: TagSink): Promise<Product | undefined> {
  const answer = await deps.graphql.request<ProductsAnswer>("product", productQuery, { filter }, ctx);
  const raw = answer?.data.products?.items?.[0];
  if (raw == null) return undefined;
  const product = reshapeProduct(raw);
  addTags([...tagsOfProduct(raw, product), ...(answer?.tags ?? [])]);
  return product;
}

export function createProductsArea(deps: AreaDeps) {
  async function getProduct(by: "urlKey" | "sku", value: string, ctx: RequestContext): Promise<Product | undefined> {
    const filter = by === "urlKey" ? { url_key: { eq: value } } : { sku: { eq: value } };
    return readThrough(deps, ctx, {
      resource: "product",
      args: { [by]: value },
      ttl: deps.config.ttls.product,
      load: (addTags) => fetchProduct(deps, filter, ctx, addTags),
    });
  }
  return {
    getProductByUrlKey: async (urlKey: string, ctx: RequestContext = {}) =>
      getProduct("urlKey", requireText("urlKey", urlKey).replace(/^\//, "").replace(/\.html$/, ""), ctx),
    getProductBySku: async (sku: string, ctx: RequestContext = {}) => getProduct("sku", requireText("sku", sku), ctx),
  };
}
