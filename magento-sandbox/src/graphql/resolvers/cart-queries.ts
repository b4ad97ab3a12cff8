import type { ResolverMap } from "../context.ts";
import { toCartView } from "./cart-view.ts";
import { requireCustomer, requireString } from "./viewer-guards.ts";

/** cart(cart_id) for anyone holding the masked id (GetCartForUser rules), customerCart for a customer. */
export const cartQueryResolvers: ResolverMap = {
  "Query.cart": (_source, args, context) => {
    const maskedId = requireString(args.cart_id, "cart_id");
    return toCartView(context.commerce.getCart(maskedId, context.viewer), context);
  },
  "Query.customerCart": (_source, _args, context) => toCartView(context.commerce.getCustomerCart(requireCustomer(context)), context),
};
