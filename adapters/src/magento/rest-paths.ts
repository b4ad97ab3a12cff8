// Every REST endpoint the adapters call, as the 2.4.8 Swagger names it (checked by
// test/magento/rest-paths.test.ts), with the definition its answer is read as.
export const restEndpoints = {
  guestCartTotals: { path: "/V1/guest-carts/{cartId}/totals", definition: "quote-data-totals-interface" },
  customerCartTotals: { path: "/V1/carts/mine/totals", definition: "quote-data-totals-interface" },
} as const;

/** `/V1/guest-carts/{cartId}/totals` + `{ cartId: "x" }` → `guest-carts/x/totals` (relative to /rest/<store>/V1). */
export function fillRestPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/^\/V1\//, "").replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`fillRestPath: missing ${name} for ${template}`);
    return encodeURIComponent(value);
  });
}
