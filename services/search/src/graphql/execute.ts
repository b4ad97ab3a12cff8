// One GraphQL request → one answer, never throwing, in Magento's order: params, parse (400 on a
// syntax error), operation, schema validation (200 with errors), then the service's own gate: an
// operation or request it does not wholly serve is refused (422, X-Search-Refused) before anything
// runs, and so is a request before the index is built (503). Then execution against the schema.
import { execute, getOperationAST, GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema } from "graphql";
import { UnsupportedOperationError } from "../errors.ts";
import { findUnsupported } from "./check-operation.ts";
import { formatError, type FormattedError } from "./format-error.ts";
import { fieldResolver, typeResolver, type ResolverContext } from "./resolvers.ts";

export interface GraphQlRequest {
  method: "GET" | "POST";
  /** Decoded params: the POST body or the GET query string. */
  params: { query?: unknown; variables?: unknown; operationName?: unknown };
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
}

export interface GraphQlResponse {
  status: number;
  headers: Record<string, string>;
  body: { data?: unknown; errors?: FormattedError[] };
}

export interface ExecutorOptions {
  schema: GraphQLSchema;
  /** The index as it is now; undefined until it is built. */
  context(): ResolverContext | undefined;
  /** The store view the index holds. */
  store: string;
  log(error: unknown): void;
}

const NO_CACHE = { "content-type": "application/json", "cache-control": "no-store, no-cache, must-revalidate, max-age=0" };

function fail(status: number, message: string, extra: Record<string, string> = {}): GraphQlResponse {
  return { status, headers: { ...NO_CACHE, ...extra }, body: { errors: [{ message, extensions: { category: "graphql" } }] } };
}

function refuse(unsupported: string[]): GraphQlResponse {
  const error = new UnsupportedOperationError(unsupported);
  return {
    status: 422,
    headers: { ...NO_CACHE, "x-search-refused": "unsupported" },
    body: { errors: [{ message: error.message, extensions: { category: "graphql", unsupported } }] },
  };
}

function decodeVariables(raw: unknown): Record<string, unknown> | undefined | string {
  if (raw === undefined || raw === null || raw === "") return undefined;
  let value = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      return 'Unable to unserialize value. Error: "variables" is not valid JSON.';
    }
  }
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : '"variables" must be a JSON object.';
}

function unsupportedHeaders(headers: GraphQlRequest["headers"], store: string, currency: string): string[] {
  const out: string[] = [];
  if (headers.authorization?.trim()) out.push("header Authorization (customer prices)");
  const asked = headers.store?.trim();
  if (asked && asked !== store) out.push(`header Store: ${asked}`);
  const money = headers["content-currency"]?.trim();
  if (money && money.toUpperCase() !== currency) out.push(`header Content-Currency: ${money}`);
  return out;
}

export function createGraphQlExecutor(options: ExecutorOptions): (request: GraphQlRequest) => Promise<GraphQlResponse> {
  const documents = new Map<string, { document: DocumentNode; errors: readonly GraphQLError[] }>();
  const parseCached = (query: string) => {
    let parsed = documents.get(query);
    if (!parsed) {
      const document = parse(query);
      if (documents.size >= 500) documents.clear();
      parsed = { document, errors: validate(options.schema, document) };
      documents.set(query, parsed);
    }
    return parsed;
  };

  return async (request) => {
    const { query, operationName } = request.params;
    if (typeof query !== "string" || query.trim() === "") return fail(400, 'GraphQL request must include a non-empty "query" string.');
    if (operationName !== undefined && operationName !== null && typeof operationName !== "string") return fail(400, '"operationName" must be a string.');
    const variables = decodeVariables(request.params.variables);
    if (typeof variables === "string") return fail(400, variables);
    let parsed: ReturnType<typeof parseCached>;
    try {
      parsed = parseCached(query);
    } catch (error) {
      return fail(400, error instanceof GraphQLError ? error.message.replace(/\.$/, "") : String(error));
    }
    const operation = getOperationAST(parsed.document, operationName ?? undefined);
    if (!operation) return fail(200, operationName ? `Unknown operation named "${operationName}".` : "Must provide operation name if query contains multiple operations.");
    if (parsed.errors.length > 0) return { status: 200, headers: NO_CACHE, body: { errors: parsed.errors.map((e) => formatError(e, options.log)) } };
    const context = options.context();
    const unsupported = findUnsupported(parsed.document, { operationName: operationName ?? null, variables: variables ?? {}, ...(context ? { attributeCodes: context.meta.attributes.map((a) => a.code) } : {}) });
    if (context) unsupported.push(...unsupportedHeaders(request.headers, options.store, context.meta.currency));
    if (unsupported.length > 0) return refuse(unsupported);
    if (!context) return fail(503, "The search index is still being built; try again shortly.", { "retry-after": "1" });
    return run(options, parsed.document, operationName ?? undefined, variables, context);
  };
}

async function run(options: ExecutorOptions, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown> | undefined, context: ResolverContext): Promise<GraphQlResponse> {
  const result = await execute({ schema: options.schema, document, operationName, variableValues: variables, contextValue: context, fieldResolver, typeResolver });
  const refusal = result.errors?.map((e) => e.originalError).find((e): e is UnsupportedOperationError => e instanceof UnsupportedOperationError);
  if (refusal) return refuse(refusal.unsupported);
  const errors = (result.errors ?? []).map((e) => formatError(e, options.log));
  return { status: 200, headers: { ...NO_CACHE, "x-search-engine": context.engine.name }, body: errors.length > 0 ? { errors, data: result.data ?? null } : { data: result.data } };
}
