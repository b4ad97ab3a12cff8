/** Per-call context: everything Magento varies its answer by. All fields optional. */
export interface RequestContext {
  /** Store view code sent as the `Store` header; default is AdaptersOptions.store or `default`. */
  store?: string;
  /** Currency code sent as `Content-Currency`; default is the store's currency. */
  currency?: string;
  /** Customer bearer token; only for customer/cart/order calls (never cached). */
  customerToken?: string;
  /** Customer group id (0 = not logged in) that prices vary by; part of cache keys. */
  customerGroup?: string;
}
