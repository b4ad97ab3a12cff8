export type PageType = "PRODUCT" | "CATEGORY" | "CMS_PAGE";

export interface UrlResolution {
  type: PageType;
  /** Numeric entity id when Magento exposes it (products, categories, CMS pages). */
  id?: number;
  uid?: string;
  /** CMS page identifier or product/category url key when known. */
  identifier?: string;
  /** 0 = serve it here; 301/302 = redirect to `relativeUrl`. */
  redirectCode: 0 | 301 | 302;
  /** Relative URL without leading slash, as Magento gives it (e.g. `joust-duffle-bag.html`). */
  relativeUrl: string;
}
