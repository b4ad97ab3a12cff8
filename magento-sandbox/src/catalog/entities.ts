/** The catalog's records as loaded from the Luma sample data (plain data, no behaviour). */

/** Magento's product visibility codes (1 = not visible individually … 4 = catalog, search). */
export type Visibility = 1 | 2 | 3 | 4;
export type ProductType = "simple" | "virtual" | "configurable" | "bundle" | "grouped" | "downloadable";
export type AttributeInput = "select" | "multiselect" | "boolean";

export interface Swatch {
  /** 1 = visual (hex colour), 0 = text, as Magento's swatch type. */
  type: 0 | 1;
  value: string;
}

export interface AttributeOption {
  /** Numeric option id (eav_attribute_option), "1"/"0" for boolean attributes. */
  id: string;
  label: string;
  position: number;
  swatch?: Swatch;
}

export interface Attribute {
  id: number;
  code: string;
  label: string;
  input: AttributeInput;
  filterable: boolean;
  /** The attribute's storefront flags as imported: is_searchable, is_comparable, used_in_product_listing… */
  flags: Record<string, boolean>;
  position: number;
  options: AttributeOption[];
}

export interface MediaImage {
  /** Path under /media/catalog/product, e.g. `/m/h/mh01-black_main.jpg`. */
  file: string;
  label: string;
  position: number;
  /** Magento image roles: image, small_image, thumbnail, swatch_image. */
  roles: string[];
}

export interface ConfigurableOptionValue {
  /** The attribute option id, Magento's `value_index`. */
  valueIndex: number;
  label: string;
  /** base64("configurable/<attribute_id>/<value_index>"). */
  uid: string;
  swatch?: Swatch;
}

export interface ConfigurableOption {
  /** Id of the catalog_product_super_attribute row. */
  id: number;
  attributeId: number;
  attributeCode: string;
  label: string;
  position: number;
  values: ConfigurableOptionValue[];
}

export interface ConfigurableVariant {
  productId: number;
  /** attribute code → value_index */
  attributes: Record<string, number>;
}

export interface BundleOption {
  id: number;
  title: string;
  type: "radio" | "select" | "checkbox" | "multi";
  required: boolean;
  position: number;
  selections: { id: number; productId: number; qty: number; isDefault: boolean; position: number }[];
}

export interface DownloadableLink {
  id: number;
  title: string;
  price: number;
  sortOrder: number;
}

export interface Product {
  id: number;
  /** base64 of the id, as Magento's Uid class. */
  uid: string;
  sku: string;
  type: ProductType;
  attributeSetName: string;
  name: string;
  urlKey: string;
  description: string;
  shortDescription: string;
  metaTitle: string;
  metaKeyword: string;
  metaDescription: string;
  /** Regular price in the base currency (USD). Bundle/grouped: 0, computed from children. */
  price: number;
  specialPrice?: number;
  /** Discount of an active catalog price rule (percent of the regular price). */
  catalogRuleDiscountPercent?: number;
  weight?: number;
  visibility: Visibility;
  enabled: boolean;
  qty: number;
  inStock: boolean;
  /** Categories the product is assigned to (listings also include a category's subtree). */
  categoryIds: number[];
  /** attribute code → option ids ("1"/"0" for booleans). */
  attributes: Record<string, string[]>;
  media: MediaImage[];
  /** Configurable child → its parent ids (also grouped/bundle containers). */
  parentIds: number[];
  configurableOptions?: ConfigurableOption[];
  variants?: ConfigurableVariant[];
  bundleOptions?: BundleOption[];
  /** Grouped product's associated simple products. */
  groupedItems?: { productId: number; qty: number; position: number }[];
  downloadableLinks?: DownloadableLink[];
  /** Approved customer reviews, oldest first. */
  reviews: ProductReview[];
  relatedSkus: string[];
  upsellSkus: string[];
  crosssellSkus: string[];
  /** ISO timestamps; deterministic (the load reference time). */
  createdAt: string;
  updatedAt: string;
}

export interface ProductReview {
  id: number;
  title: string;
  detail: string;
  nickname: string;
  /** Rating name as configured in Magento ("Rating" in Luma). */
  ratingName: string;
  /** 1–5 stars. */
  rating: number;
  createdAt: string;
}

export interface Category {
  id: number;
  uid: string;
  parentId: number;
  name: string;
  urlKey: string;
  /** e.g. `men/tops-men/jackets-men` (no suffix); "" for roots. */
  urlPath: string;
  /** Ids from the root catalog down to this category, e.g. [1, 2, 11, 12]. */
  path: number[];
  level: number;
  position: number;
  isActive: boolean;
  isAnchor: boolean;
  includeInMenu: boolean;
  displayMode: "PRODUCTS" | "PAGE" | "PRODUCTS_AND_PAGE";
  description: string;
  /** CMS block identifier shown on the landing page, if any. */
  landingBlock?: string;
  childrenIds: number[];
}

export interface CmsPage {
  id: number;
  identifier: string;
  title: string;
  contentHeading: string;
  /** Raw content, with Magento `{{...}}` directives; see renderCmsContent. */
  content: string;
  pageLayout: string;
  metaTitle: string;
  metaKeywords: string;
  metaDescription: string;
  isActive: boolean;
}

export interface CmsBlock {
  id: number;
  identifier: string;
  title: string;
  content: string;
  isActive: boolean;
}
