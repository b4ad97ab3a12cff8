import {
  execute, getOperationAST, GraphQLError, Kind, parse, validate,
  type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode,
} from "graphql";
import type { SandboxStore } from "../store.ts";
import type { GraphQlContext, ResolverMap } from "./context.ts";
import { createFieldResolver, resolveTypeByTypename } from "./field-resolver.ts";
import { formatGraphQlError, statusForErrors, type MagentoFormattedError } from "./format-error.ts";
import { checkLimits, MAX_PARSE_NESTING, MAX_QUERY_DEPTH, measureNesting, measureOperation } from "./limits.ts";
import { buildNoCacheHeaders, buildPublicHeaders, computeCacheId, isCacheableOperation } from "./cache-headers.ts";
import { resolveViewer } from "./viewer.ts";
import { GraphQlInputError } from "../errors.ts";
import { createStoreViews, pickCurrency, type Currency, type StoreUrls, type StoreView } from "../store-views.ts";

export interface GraphQlHttpRequest {
  method: "GET" | "POST";
  /** Already-decoded params: POST JSON body or GET query string. */
  params: { query?: unknown; variables?: unknown; operationName?: unknown };
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
}

export interface GraphQlHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: { data?: unknown; errors?: MagentoFormattedError[] };
}

export interface ExecutorOptions {
  schema: GraphQLSchema;
  resolvers: ResolverMap;
  store: SandboxStore;
  /** The default store view's public base URL. */
  baseUrl: string;
  /** Other store views' base URLs by code (see store-views.ts). */
  storeUrls?: StoreUrls;
  log?: (error: unknown) => void;
  now?: () => Date;
}

/** One request → one Magento-shaped response; never throws. */
export type GraphQlExecutor = (request: GraphQlHttpRequest) => Promise<GraphQlHttpResponse>;

export function createGraphQlExecutor(options: ExecutorOptions): GraphQlExecutor {
  const fieldResolver = createFieldResolver(options.resolvers);
  const log = options.log ?? ((error: unknown) => console.error("[magento-sandbox graphql]", error));
  const now = options.now ?? (() => new Date());
  const prepare = createPreparer(options.schema, createStoreViews(options.baseUrl, options.storeUrls), log);

  return async (request) => {
    const prepared = prepare(request);
    if ("status" in prepared) return prepared;
    const { document, operation, variables, operationName, storeView, currency } = prepared;
    const context = createContext(options, request, storeView, currency);
    const result = await execute({
      schema: options.schema, document, operationName, variableValues: variables,
      contextValue: context, fieldResolver, typeResolver: resolveTypeByTypename,
    });
    const errors = (result.errors ?? []).map((e) => formatGraphQlError(e, log));
    return {
      status: statusForErrors(errors),
      headers: buildHeaders(operation, request, context, errors.length > 0, now()),
      body: errors.length > 0 ? { errors, data: result.data ?? null } : { data: result.data },
    };
  };
}

interface PreparedRequest {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
  storeView: StoreView;
  currency: Currency;
}

/**
 * Everything before execution, in Magento's order: request params, parse (400 on syntax
 * errors), operation, verb, schema validation, depth/complexity limits, store header.
 */
function createPreparer(schema: GraphQLSchema, storeViews: ReadonlyMap<string, StoreView>, log: (error: unknown) => void) {
  // Parsed and validated documents by query text: storefronts send the same few queries.
  const documents = new Map<string, { document: DocumentNode; errors: readonly GraphQLError[] }>();
  const fail = (status: number, errors: GraphQLError[]): GraphQlHttpResponse => ({
    status, headers: buildNoCacheHeaders(), body: { errors: errors.map((e) => formatGraphQlError(e, log)) },
  });
  const parseCached = (query: string) => {
    let parsed = documents.get(query);
    if (!parsed) {
      const document = parse(query);
      if (documents.size > 500) documents.clear();
      parsed = { document, errors: validate(schema, document) };
      documents.set(query, parsed);
    }
    return parsed;
  };

  return (request: GraphQlHttpRequest): PreparedRequest | GraphQlHttpResponse => {
    const { query, operationName } = request.params;
    if (typeof query !== "string" || query.trim() === "") return fail(400, [new GraphQLError('GraphQL request must include a non-empty "query" string.')]);
    if (operationName !== undefined && operationName !== null && typeof operationName !== "string") return fail(400, [new GraphQLError('"operationName" must be a string.')]);
    const variables = decodeVariables(request.params.variables);
    if (variables instanceof GraphQLError) return fail(400, [variables]);
    if (measureNesting(query) > MAX_PARSE_NESTING) {
      return fail(200, [new GraphQLError(`Max query depth should be ${MAX_QUERY_DEPTH} but got more than ${MAX_PARSE_NESTING}.`)]);
    }
    let parsed: ReturnType<typeof parseCached>;
    try {
      parsed = parseCached(query);
    } catch (error) {
      return fail(400, [toSyntaxError(error)]);
    }
    const operation = getOperationAST(parsed.document, operationName ?? undefined);
    if (!operation) {
      return fail(200, [new GraphQLError(operationName ? `Unknown operation named "${operationName}".` : "Must provide operation name if query contains multiple operations.")]);
    }
    if (operation.operation === "mutation" && request.method !== "POST") return fail(200, [toInputError("Mutation requests allowed only for POST requests")]);
    if (parsed.errors.length > 0) return fail(200, [...parsed.errors]);
    const limitErrors = checkLimits(measureOperation(operation, collectFragments(parsed.document)));
    if (limitErrors.length > 0) return fail(200, limitErrors);
    const storeView = storeViews.get(request.headers.store?.trim() || "default");
    if (!storeView) return fail(200, [toInputError("Requested store is not found")]);
    const currency = pickCurrency(storeView, request.headers["content-currency"]);
    if (!currency) return fail(200, [toInputError("Please correct the target currency")]);
    return { document: parsed.document, operation, variables, operationName: operationName ?? undefined, storeView, currency };
  };
}

function createContext(options: ExecutorOptions, request: GraphQlHttpRequest, storeView: StoreView, currency: Currency): GraphQlContext {
  const auth = resolveViewer(options.store.commerce, request.headers.authorization, request.headers.cookie);
  const customer = auth.viewer.customerId === undefined ? undefined : options.store.commerce.getCustomer(auth.viewer.customerId);
  return {
    catalog: options.store.catalog, commerce: options.store.commerce, viewer: auth.viewer, customerGroupId: customer?.groupId ?? 0,
    ...(auth.token ? { token: auth.token } : {}), tokenRejected: auth.rejected,
    storeView, storeCode: storeView.code, baseUrl: storeView.baseUrl, currency, cacheTags: new Set(),
  };
}

function buildHeaders(operation: OperationDefinitionNode, request: GraphQlHttpRequest, context: GraphQlContext, hasErrors: boolean, now: Date): Record<string, string> {
  if (operation.operation !== "query") return buildNoCacheHeaders();
  const loggedIn = context.viewer.customerId !== undefined;
  const cacheId = computeCacheId({
    storeCode: context.storeCode, currency: context.currency.code, loggedIn, customerGroupId: context.customerGroupId,
  });
  // Magento's CacheableQuery::shouldPopulateCacheHeadersWithTags: no tags, nothing to purge by, no caching.
  const cacheable = !hasErrors && isCacheableOperation(operation, request.method) && context.cacheTags.size > 0;
  return { ...(cacheable ? buildPublicHeaders(context.cacheTags, now) : buildNoCacheHeaders()), "X-Magento-Cache-Id": cacheId };
}

/** GET sends variables as a JSON string; POST as an object. */
function decodeVariables(raw: unknown): Record<string, unknown> | undefined | GraphQLError {
  if (raw === undefined || raw === null || raw === "") return undefined;
  let value = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      return new GraphQLError("Unable to unserialize value. Error: \"variables\" is not valid JSON.");
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return new GraphQLError('"variables" must be a JSON object.');
  return value as Record<string, unknown>;
}

/** Magento's request validators throw GraphQlInputException. */
function toInputError(message: string): GraphQLError {
  return new GraphQLError(message, { originalError: new GraphQlInputError(message) });
}

/** graphql-php words syntax errors as graphql-js does, without the closing period. */
function toSyntaxError(error: unknown): GraphQLError {
  if (!(error instanceof GraphQLError)) return new GraphQLError(String(error));
  return new GraphQLError(error.message.replace(/\.$/, ""), { source: error.source, positions: error.positions });
}

function collectFragments(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}
