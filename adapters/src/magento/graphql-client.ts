// The ONE place that talks GraphQL to Magento. Cacheable reads go as GET (Magento and Varnish
// cache those); anything with a customer token or a mutation goes as POST.
import { ClientError, GraphQLClient } from "graphql-request";
import type { RequestContext } from "../domain/context.ts";
import { checkContext } from "../arguments.ts";
import { traceHttpCall } from "../tracing.ts";
import { mapGraphqlErrors, mapHttpStatus, mapTransportError } from "./map-error.ts";
import type { AdapterError } from "../errors.ts";
import type { MagentoErrorPayload } from "./map-error.ts";

export interface MagentoGraphqlOptions {
  graphqlUrl: string;
  store: string;
  timeoutMs: number;
  /** Counts every HTTP call (bench and stampede tests read it). */
  onCall?: (operation: string) => void;
}

export interface GraphqlAnswer<T> {
  data: T;
  /** Magento's own cache tags for this answer (`X-Magento-Tags`), when it sends them. */
  tags: string[];
}

export interface MagentoGraphql {
  /** Throws typed errors; `allowMissing` lets `graphql-no-such-entity` come back as `undefined` data. */
  request<T>(operation: string, document: string, variables: object, ctx: RequestContext, options?: { allowMissing?: boolean }): Promise<GraphqlAnswer<T> | undefined>;
}

function buildHeaders(store: string, ctx: RequestContext): Record<string, string> {
  checkContext(ctx);
  const headers: Record<string, string> = { Store: ctx.store ?? store };
  if (ctx.currency) headers["Content-Currency"] = ctx.currency;
  if (ctx.customerToken) headers.Authorization = `Bearer ${ctx.customerToken}`;
  else if (ctx.customerSession) headers.Cookie = `PHPSESSID=${ctx.customerSession}`;
  return headers;
}

function readTags(headers: Headers): string[] {
  const raw = headers.get("x-magento-tags");
  return raw ? raw.split(",").map((tag) => tag.trim()).filter(Boolean) : [];
}

export function createMagentoGraphql(options: MagentoGraphqlOptions): MagentoGraphql {
  const getClient = new GraphQLClient(options.graphqlUrl, { method: "GET", errorPolicy: "all" });
  const postClient = new GraphQLClient(options.graphqlUrl, { method: "POST", errorPolicy: "all" });

  async function send<T>(operation: string, document: string, variables: object, ctx: RequestContext) {
    // A customer's answer is never a GET a cache between here and Magento could keep for others.
    const personal = Boolean(ctx.customerToken ?? ctx.customerSession);
    const client = personal ? postClient : getClient;
    const headers = buildHeaders(options.store, ctx);
    options.onCall?.(operation);
    return traceHttpCall(personal ? "POST" : "GET", options.graphqlUrl, operation, headers, async (span) => {
      try {
        const answer = await client.rawRequest<T>({ query: document, variables, requestHeaders: headers, signal: AbortSignal.timeout(options.timeoutMs) });
        span.setStatus(answer.status);
        return answer;
      } catch (error) {
        if (error instanceof ClientError) span.setStatus(error.response.status);
        throw mapSendError(operation, error, options.timeoutMs);
      }
    });
  }

  return {
    async request<T>(operation: string, document: string, variables: object, ctx: RequestContext, flags?: { allowMissing?: boolean }) {
      const answer = await send<T>(operation, document, variables, ctx);
      const errors = (answer.errors ?? []) as MagentoErrorPayload[];
      if (errors.length > 0) {
        const missing = errors.every((error) => error.extensions?.category === "graphql-no-such-entity");
        if (missing && flags?.allowMissing) return undefined;
        throw mapGraphqlErrors(operation, errors, answer.status);
      }
      return { data: answer.data, tags: readTags(answer.headers) };
    },
  };
}

function mapSendError(operation: string, error: unknown, timeoutMs: number): AdapterError {
  if (error instanceof ClientError) {
    const errors = error.response.errors as MagentoErrorPayload[] | undefined;
    if (errors?.length && error.response.status < 500) return mapGraphqlErrors(operation, errors, error.response.status);
    return mapHttpStatus(operation, error.response.status, String(error.response.body ?? ""));
  }
  return mapTransportError(operation, error, timeoutMs);
}
