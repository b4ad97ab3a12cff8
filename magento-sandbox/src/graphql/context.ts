import type { GraphQLResolveInfo } from "graphql";
import type { Catalog } from "../catalog/types.ts";
import type { Commerce, Viewer } from "../commerce/index.ts";
import type { Currency, StoreView } from "../store-views.ts";

/** Per-request state the resolvers share. */
export interface GraphQlContext {
  catalog: Catalog;
  commerce: Commerce;
  /** Who calls: `{}` for a guest, `{ customerId }` with a valid Bearer token. */
  viewer: Viewer;
  /** The viewer's customer group (0: not logged in): catalog prices are the group's. */
  customerGroupId: number;
  /** The Bearer token as sent (revokeCustomerToken needs it). */
  token?: string;
  /** Set when a Bearer token was sent but is invalid or expired. */
  tokenRejected: boolean;
  /** The store view the `Store` header named (default: `default`). */
  storeView: StoreView;
  storeCode: string;
  /** The store view's public base URL with trailing slash, e.g. http://127.0.0.1:8081/ */
  baseUrl: string;
  /** The currency catalog prices answer in: `Content-Currency`, else the store's display currency. */
  currency: Currency;
  /** Cache tags collected by resolvers, sent as X-Magento-Tags on cacheable responses. */
  cacheTags: Set<string>;
}

export type Resolver = (source: unknown, args: Record<string, unknown>, context: GraphQlContext, info: GraphQLResolveInfo) => unknown;

/** Resolvers keyed by schema coordinate: `Query.products`, `CategoryTree.children`… */
export type ResolverMap = Record<string, Resolver>;
