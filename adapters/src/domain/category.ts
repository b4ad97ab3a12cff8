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
}

export interface CategoryTree extends Category {
  children: CategoryTree[];
}
