import type { ResolverMap } from "../context.ts";
import { catalogQueryResolvers } from "./catalog-queries.ts";
import { routeQueryResolvers } from "./route-queries.ts";
import { cmsQueryResolvers } from "./cms-queries.ts";
import { storeConfigResolvers } from "./store-config.ts";
import { cartQueryResolvers } from "./cart-queries.ts";
import { cartMutationResolvers } from "./cart-mutations.ts";
import { checkoutMutationResolvers } from "./cart-checkout.ts";
import { cartEstimateResolvers } from "./cart-estimates.ts";
import { customerResolvers } from "./customer-resolvers.ts";
import { directoryResolvers } from "./directory.ts";
import { legacyCartResolvers } from "./cart-legacy.ts";
import { attributeMetadataResolvers } from "./attribute-metadata.ts";
import { reviewResolvers } from "./review-resolvers.ts";

/** Every resolver the sandbox implements, keyed by `Type.field`. */
export function createResolverMap(): ResolverMap {
  return {
    ...storeConfigResolvers,
    ...catalogQueryResolvers,
    ...routeQueryResolvers,
    ...cmsQueryResolvers,
    ...cartQueryResolvers,
    ...cartMutationResolvers,
    ...checkoutMutationResolvers,
    ...cartEstimateResolvers,
    ...customerResolvers,
    ...directoryResolvers,
    ...legacyCartResolvers,
    ...attributeMetadataResolvers,
    ...reviewResolvers,
  };
}
