import type { Money, PriceRange } from "./money.ts";

export type ProductType = "SIMPLE" | "CONFIGURABLE" | "BUNDLE" | "GROUPED" | "VIRTUAL" | "DOWNLOADABLE" | "GIFT_CARD" | "OTHER";
export type StockStatus = "IN_STOCK" | "OUT_OF_STOCK";

export interface Image {
  url: string;
  label: string;
  position: number;
}

export interface Swatch {
  kind: "COLOR" | "IMAGE" | "TEXT";
  value: string;
}

export interface ConfigurableOptionValue {
  uid: string;
  label: string;
  swatch?: Swatch;
}

export interface ConfigurableOption {
  /** Attribute code, e.g. `color`, `size`. */
  code: string;
  label: string;
  values: ConfigurableOptionValue[];
}

export interface ProductVariant {
  sku: string;
  /** Option code → chosen value uid and label, e.g. `{ color: { uid, label: "Blue" } }`. */
  attributes: Record<string, { uid: string; label: string }>;
  price: PriceRange;
  stockStatus: StockStatus;
  image?: Image;
}

/** One product a bundle option offers. */
export interface BundleChoice {
  /** Magento's uid: base64 of `bundle/<option id>/<selection id>/<quantity>`. */
  uid: string;
  label: string;
  quantity: number;
  /** The choice's price in the display currency (before tax). */
  price: number;
  isDefault: boolean;
}

/** One option of a bundle: a picker of products (`select`, `radio`, `checkbox`, `multi`). */
export interface BundleOption {
  /** Magento's uid: base64 of `bundle/<option id>`. */
  uid: string;
  title: string;
  required: boolean;
  type: string;
  choices: BundleChoice[];
}

/** One product of a grouped product, bought with its own quantity. */
export interface GroupedItem {
  id: number;
  sku: string;
  name: string;
  /** The default quantity Magento suggests. */
  quantity: number;
  price: PriceRange;
  stockStatus: StockStatus;
}

export interface DownloadableLink {
  uid: string;
  title: string;
  price: number;
}

export interface CategoryRef {
  id: number;
  uid: string;
  name: string;
  urlPath: string;
}

export interface Breadcrumb {
  name: string;
  urlPath: string;
}

/** What every view of a product carries, in a listing or on its own page. */
interface ProductBase {
  id: number;
  uid: string;
  sku: string;
  name: string;
  type: ProductType;
  urlKey: string;
  /** Relative canonical URL, e.g. `/joust-duffle-bag.html`. */
  url: string;
  price: PriceRange;
  stockStatus: StockStatus;
  /** Magento's `rating_summary` (the average vote as a percentage, 0–100; 0 without reviews) and `review_count`. */
  rating: ProductRating;
}

export interface ProductRating {
  summary: number;
  reviewCount: number;
}

export interface Product extends ProductBase {
  descriptionHtml: string;
  shortDescriptionHtml: string;
  metaTitle: string;
  metaDescription: string;
  /** Sorted by position; empty when Magento has none. */
  media: Image[];
  /** Magento's special price when set (a fixed price, not a percentage). */
  specialPrice?: Money;
  /** Empty unless type is CONFIGURABLE. */
  options: ConfigurableOption[];
  variants: ProductVariant[];
  /** Empty unless type is BUNDLE. */
  bundleOptions: BundleOption[];
  /** Empty unless type is GROUPED. */
  groupedItems: GroupedItem[];
  /** Links a downloadable product sells; `linksPurchasedSeparately` = the shopper picks them. */
  downloadable?: { linksTitle: string; linksPurchasedSeparately: boolean; links: DownloadableLink[] };
  categories: CategoryRef[];
  breadcrumbs: Breadcrumb[];
}

/** A product as it appears in a listing (category page, search): no description, no variants. */
export interface ProductSummary extends ProductBase {
  image?: Image;
}
