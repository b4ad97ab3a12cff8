/**
 * The sandbox's commerce state: Magento's "one cart everywhere". GraphQL, REST and the Luma
 * storefront all read and change quotes, customers and orders through this `Commerce` API, so
 * the storefront session's quote, a guest cart named by its masked id and the customer's
 * active cart are the same objects. Amounts are USD numbers rounded to cents.
 *
 * Who is calling is a `Viewer` (`{}` for a guest, `{ customerId }` for a signed-in customer);
 * every cart operation checks it as Magento's GetCartForUser does. Failures throw the typed
 * errors of `./errors.ts` (NoSuchEntity, Authorization, Authentication, Input, AlreadyExists).
 */
export type { SessionMessage, SessionStore, StorefrontSession } from "./sessions.ts";

export interface Viewer {
  /** Set when the caller is a signed-in customer (token or storefront session). */
  customerId?: number;
}

export interface SelectedOption {
  attributeId: number;
  attributeCode: string;
  /** Attribute label, e.g. "Color". */
  label: string;
  /** Option id of the value (Magento's value_index). */
  valueIndex: number;
  valueLabel: string;
  /** base64("configurable/<attribute_id>/<value_index>"). */
  uid: string;
}

export interface CartItem {
  /** Quote item id (global sequence), as REST `item_id` and base64 in GraphQL `uid`. */
  id: number;
  /** The sku bought: the child's sku for configurables (what REST `sku` shows). */
  sku: string;
  /** The configurable parent's sku, when the item is a configurable. */
  parentSku?: string;
  /** Catalog id of the product line (the parent for configurables). */
  productId: number;
  /** Catalog id of the chosen child, for configurables. */
  childProductId?: number;
  /** Product name (the parent's for configurables, as Magento shows it). */
  name: string;
  productType: "simple" | "virtual" | "configurable" | "downloadable" | "bundle";
  qty: number;
  /** Unit price (final price of the child for configurables). */
  price: number;
  rowTotal: number;
  selectedOptions: SelectedOption[];
  /** What a bundle line is made of: one entry per chosen selection. */
  bundleSelections?: BundleLineSelection[];
}

/** One chosen selection of a bundle option, priced at the child's final price. */
export interface BundleLineSelection {
  optionId: number;
  optionLabel: string;
  optionType: "radio" | "select" | "checkbox" | "multi";
  selectionId: number;
  productId: number;
  sku: string;
  name: string;
  /** Quantity of the child in one bundle. */
  qty: number;
  price: number;
}

export interface Address {
  firstname: string;
  lastname: string;
  company?: string;
  street: string[];
  city: string;
  /** Region name, e.g. "Michigan". */
  region?: string;
  /** Region code, e.g. "MI". */
  regionCode?: string;
  /** Magento directory region id (0 when unknown). */
  regionId?: number;
  postcode: string;
  /** ISO-2 country code. */
  countryId: string;
  telephone: string;
  email?: string;
}

/** Where an estimate ships to: what Magento's EstimateAddressInput carries. */
export interface Destination {
  countryId: string;
  postcode?: string;
  region?: string;
  regionCode?: string;
  regionId?: number;
}

export interface ShippingMethod {
  carrierCode: string;
  methodCode: string;
  carrierTitle: string;
  methodTitle: string;
  amount: number;
}

export interface PaymentMethod {
  code: string;
  title: string;
}

export interface Totals {
  subtotal: number;
  /** Always 0: no cart price rules in the sandbox. */
  discount: number;
  shipping: number;
  /** US-MI 8.25 % on the subtotal (TaxSampleData), else 0. */
  tax: number;
  taxRate: number;
  grandTotal: number;
  itemsQty: number;
  itemsCount: number;
}

export interface Cart {
  /** Internal quote id (REST `id` for carts/mine; never the id guests use). */
  id: number;
  /** 32-char masked id: GraphQL cart_id and REST guest-carts/{cartId}. */
  maskedId: string;
  customerId?: number;
  isActive: boolean;
  /** Guest email (setGuestEmailOnCart / payment-information), or the customer's email. */
  email?: string;
  items: CartItem[];
  shippingAddress?: Address;
  billingAddress?: Address;
  shippingMethod?: ShippingMethod;
  paymentMethod?: PaymentMethod;
  totals: Totals;
  /** Set when the quote was converted into an order. */
  reservedOrderId?: string;
  createdAt: string;
  updatedAt: string;
}

export interface Customer {
  id: number;
  email: string;
  firstname: string;
  lastname: string;
  /** 1 = General (Magento's default group for registered customers). */
  groupId: number;
  dob?: string;
  /** 1 = male, 2 = female (Magento's gender option ids). */
  gender?: number;
  addresses: Address[];
  createdAt: string;
}

export interface OrderItem {
  id: number;
  sku: string;
  parentSku?: string;
  productId: number;
  name: string;
  productType: CartItem["productType"];
  qtyOrdered: number;
  price: number;
  rowTotal: number;
  selectedOptions: SelectedOption[];
  bundleSelections?: BundleLineSelection[];
}

export interface Order {
  /** entity_id (REST /V1/orders/{id}); payment-information returns it. */
  id: number;
  /** "000000001"…: the order number shoppers see. */
  incrementId: string;
  quoteId: number;
  customerId?: number;
  isGuest: boolean;
  email: string;
  firstname: string;
  lastname: string;
  items: OrderItem[];
  totals: Totals;
  state: "new";
  status: "pending";
  shippingAddress?: Address;
  billingAddress: Address;
  shippingMethod?: ShippingMethod;
  paymentMethod: PaymentMethod;
  createdAt: string;
}

/** One line to add: a simple sku, a configurable parent + options, or a child + parentSku. */
export interface AddItemInput {
  sku: string;
  qty: number;
  parentSku?: string;
  /** GraphQL `selected_options` uids (base64 "configurable/<attr>/<value>"). */
  selectedOptionUids?: string[];
  /** REST configurable_item_options / storefront super_attribute[attributeId] = valueIndex. */
  configurableOptions?: { attributeId: number; valueIndex: number }[];
  /** Grouped product: storefront super_group[childId] = qty (GraphQL uses "grouped/…" uids). */
  groupedQuantities?: { productId: number; qty: number }[];
  /** Bundle: storefront bundle_option[optionId] = selectionId (GraphQL uses "bundle/…" uids). */
  bundleChoices?: { optionId: number; selectionId: number; qty?: number }[];
}

/** GraphQL addProductsToCart `user_errors` codes. */
export type CartUserErrorCode =
  | "PRODUCT_NOT_FOUND"
  | "NOT_SALABLE"
  | "INSUFFICIENT_STOCK"
  | "REQUIRED_PARAMETER_MISSING"
  | "INVALID_PARAMETER_VALUE"
  | "UNDEFINED";

export interface CartUserError {
  code: CartUserErrorCode;
  message: string;
}

export interface CustomerToken {
  token: string;
  customerId: number;
  expiresAt: number;
}

export interface NewCustomerInput {
  email: string;
  password: string;
  firstname: string;
  lastname: string;
}

export type { Commerce, CommerceOptions } from "./commerce-api.ts";
