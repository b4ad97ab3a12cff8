/** Per-call context: everything Magento varies its answer by. All fields optional. */
export interface RequestContext {
  /** Store view code sent as the `Store` header; default is AdaptersOptions.store or `default`. */
  store?: string;
  /** Currency code sent as `Content-Currency`; default is the store's currency. */
  currency?: string;
  /** Customer bearer token; only for customer/cart/order calls (never cached). */
  customerToken?: string;
  /**
   * The shopper's storefront session id (Magento's PHPSESSID cookie): GraphQL then answers for that signed-in
   * customer, as stock Magento does with graphql/session/disable off. Catalog reads with it are cached only
   * under a customerGroup other than 0, and never sent to Magento as a cacheable GET.
   */
  customerSession?: string;
  /** Customer group id (0 = not logged in) that prices vary by; part of cache keys. */
  customerGroup?: string;
}
