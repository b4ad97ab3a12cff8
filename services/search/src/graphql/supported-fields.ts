// What this service answers, as data: the root field, its arguments, the filters and every selection
// path. The proxy's GraphQL router can send an operation here only when all of it is in this set
// (checkSearchOperation in check-operation.ts, or GET /graphql/supported for the same as JSON).
// Anything else (another root field, a mutation, `media_gallery`, a `match` filter…) is refused
// by the service as a whole operation, so it always has an owner that can answer it: Magento.

/** A selection: field name → its sub-selection, or `true` for a leaf. `__typename` is always allowed. */
export interface SelectionSpec {
  readonly [field: string]: SelectionSpec | true;
}

const MONEY = { value: true, currency: true } as const;
const PRICE = { regular_price: MONEY, final_price: MONEY, discount: { amount_off: true, percent_off: true } } as const;
const LEGACY_PRICE = { amount: MONEY } as const;

/** ProductInterface fields (on any product type, through fragments too). */
export const PRODUCT_FIELDS: SelectionSpec = {
  id: true, uid: true, sku: true, name: true, type_id: true, url_key: true, url_suffix: true, canonical_url: true, stock_status: true,
  rating_summary: true, review_count: true,
  small_image: { url: true, label: true, position: true, disabled: true },
  price_range: { minimum_price: PRICE, maximum_price: PRICE },
  price: { regularPrice: LEGACY_PRICE, minimalPrice: LEGACY_PRICE, maximalPrice: LEGACY_PRICE },
  description: { html: true },
  short_description: { html: true },
  meta_title: true, meta_description: true, special_price: true,
  categories: { id: true, uid: true, name: true, url_path: true },
};

export const PRODUCTS_FIELDS: SelectionSpec = {
  items: PRODUCT_FIELDS,
  total_count: true,
  page_info: { current_page: true, page_size: true, total_pages: true },
  aggregations: { attribute_code: true, label: true, count: true, position: true, options: { label: true, value: true, count: true } },
  filters: { name: true, request_var: true, filter_items_count: true, filter_items: { label: true, value_string: true, items_count: true } },
  sort_fields: { default: true, options: { label: true, value: true } },
  suggestions: { search: true },
};

export const SUPPORTED_ROOT_FIELDS: SelectionSpec = { products: PRODUCTS_FIELDS };

/** Arguments by field path; a field not listed takes none. */
export const SUPPORTED_ARGUMENTS: Readonly<Record<string, readonly string[]>> = {
  products: ["search", "filter", "sort", "pageSize", "currentPage"],
  "products.aggregations": ["filter"],
};

/**
 * `products(filter:)`: equality filters (`eq`, `in`) on these and on every filterable attribute the
 * index holds (`color`, `size`, `material`…); `from`/`to` on price. The text `match` filters are not
 * served (the index does not keep Magento's substring semantics).
 */
export const SUPPORTED_FILTERS = {
  equal: ["category_id", "category_uid", "category_url_path", "sku", "url_key"],
  range: ["price"],
  notServed: ["name", "description", "short_description"],
} as const;

/**
 * Request conditions: prices in the index are the guest's, in the base currency, for one store view.
 * A request with a customer token, another store or another currency is refused.
 */
export const SUPPORTED_REQUEST = {
  operation: "query",
  headers: { authorization: "absent", store: "absent or the indexed store code", "content-currency": "absent or the base currency" },
} as const;

/** Every supported selection path, e.g. `products.items.price_range.minimum_price.final_price.value`. */
export function listSupportedPaths(spec: SelectionSpec = SUPPORTED_ROOT_FIELDS, prefix = ""): string[] {
  return Object.entries(spec).flatMap(([name, sub]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    return sub === true ? [path] : [path, ...listSupportedPaths(sub, path)];
  });
}

/** The whole set as JSON (GET /graphql/supported). */
export function describeSupport() {
  return { rootFields: SUPPORTED_ROOT_FIELDS, arguments: SUPPORTED_ARGUMENTS, filters: SUPPORTED_FILTERS, request: SUPPORTED_REQUEST, paths: listSupportedPaths() };
}
