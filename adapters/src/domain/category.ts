import type { Breadcrumb } from "./product.ts";

export interface Category {
  id: number;
  uid: string;
  name: string;
  urlKey: string;
  /** e.g. `women/tops-women` */
  urlPath: string;
  /** Relative URL, e.g. `/women/tops-women.html`. */
  url: string;
  level: number;
  position: number;
  productCount: number;
  descriptionHtml: string;
  metaTitle: string;
  metaDescription: string;
  image?: string;
  breadcrumbs: Breadcrumb[];
  /**
   * What the category page shows (Magento's display mode): products, its landing CMS block, or both.
   * Read for a single category only; tree nodes say PRODUCTS.
   */
  displayMode: "PRODUCTS" | "PAGE" | "PRODUCTS_AND_PAGE";
  /** The landing CMS block's HTML (Magento has rendered its directives); "" when none. */
  landingHtml: string;
}

export interface CategoryTree extends Category {
  children: CategoryTree[];
}
