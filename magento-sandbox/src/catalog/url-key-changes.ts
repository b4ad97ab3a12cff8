import type { Product, UrlRewrite } from "./types.ts";
import { URL_SUFFIX } from "./url-rewrites.ts";
import { CatalogError } from "../errors.ts";

/**
 * A product's url_key changed as the admin saves it with "Create Permanent Redirect for old
 * URL" (catalog/seo/save_rewrites_history, on by default): every old URL of the product becomes
 * a 301 to the matching new one (same category path), and the new URLs serve the product.
 */
export function changeUrlKey(rewrites: Map<string, UrlRewrite>, urlKeys: Map<string, Product>, product: Product, urlKey: string): void {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(urlKey)) throw new CatalogError(`setUrlKey: "${urlKey}" is not a url key (lower-case letters, digits and dashes)`);
  const owner = urlKeys.get(urlKey);
  if (owner && owner !== product) throw new CatalogError(`setUrlKey: url key "${urlKey}" already belongs to sku "${owner.sku}"`);
  if (urlKey === product.urlKey) return;
  const oldKey = product.urlKey;
  const served = [...rewrites.values()].filter((r) => r.entityType === "PRODUCT" && r.entityId === product.id && r.redirectCode === 0);
  const moved = (path: string) => `${path.slice(0, path.length - oldKey.length - URL_SUFFIX.length)}${urlKey}${URL_SUFFIX}`;
  for (const rewrite of served) {
    const newPath = moved(rewrite.requestPath);
    rewrites.set(newPath.toLowerCase(), { ...rewrite, requestPath: newPath });
    rewrites.set(rewrite.requestPath.toLowerCase(), { ...rewrite, targetPath: newPath, redirectCode: 301 });
  }
  // Redirects that pointed at the old URLs now point at the new ones, as Magento rewrites their targets.
  for (const [key, rewrite] of rewrites) {
    if (rewrite.entityType === "PRODUCT" && rewrite.entityId === product.id && rewrite.redirectCode !== 0 && rewrite.targetPath.endsWith(`${oldKey}${URL_SUFFIX}`)) {
      rewrites.set(key, { ...rewrite, targetPath: moved(rewrite.targetPath) });
    }
  }
  urlKeys.delete(oldKey);
  urlKeys.set(urlKey, product);
  product.urlKey = urlKey;
}
