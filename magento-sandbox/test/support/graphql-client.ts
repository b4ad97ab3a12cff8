import { assertConformsToSchema, type ValidateOptions } from "./graphql-response-validator.ts";

export interface GraphQlResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; path?: (string | number)[]; extensions?: { category?: string } }[] };
}

export interface RequestOptions {
  variables?: Record<string, unknown>;
  operationName?: string;
  headers?: Record<string, string>;
}

/**
 * A small GraphQL client for tests: every response is checked against the 2.4.8 schema
 * (errors included) before the test sees it, so a non-conforming answer fails the test.
 */
export function createGraphQlClient(baseUrl: string | (() => string), validate: Omit<ValidateOptions, "variables" | "operationName"> = {}) {
  // A function lets a client be built before the server it talks to has a port.
  const endpointOf = () => `${(typeof baseUrl === "string" ? baseUrl : baseUrl()).replace(/\/$/, "")}/graphql`;
  const finish = async <T>(query: string, response: Response, options: RequestOptions): Promise<GraphQlResult<T>> => {
    const body = (await response.json()) as GraphQlResult<T>["body"];
    assertConformsToSchema(query, body, { ...validate, ...pick(options) });
    return { status: response.status, headers: response.headers, body };
  };
  return {
    async post<T = Record<string, unknown>>(query: string, options: RequestOptions = {}): Promise<GraphQlResult<T>> {
      const response = await fetch(endpointOf(), {
        method: "POST",
        headers: { "content-type": "application/json", ...options.headers },
        body: JSON.stringify({ query, variables: options.variables, operationName: options.operationName }),
      });
      return finish<T>(query, response, options);
    },
    async get<T = Record<string, unknown>>(query: string, options: RequestOptions = {}): Promise<GraphQlResult<T>> {
      const params = new URLSearchParams({ query });
      if (options.variables) params.set("variables", JSON.stringify(options.variables));
      if (options.operationName) params.set("operationName", options.operationName);
      const response = await fetch(`${endpointOf()}?${params}`, { headers: options.headers ?? {} });
      return finish<T>(query, response, options);
    },
    /** Any body (bad JSON, odd types) POSTed as-is; the answer is still schema-checked against `query`. */
    async postRaw(body: string | Buffer, query = "{ __typename }", headers: Record<string, string> = {}): Promise<GraphQlResult> {
      const response = await fetch(endpointOf(), { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
      return finish(query, response, {});
    },
    /** A GET with a hand-built query string; the answer is still schema-checked against `query`. */
    async getRaw(search: string, query = "{ __typename }"): Promise<GraphQlResult> {
      return finish(query, await fetch(`${endpointOf()}?${search}`), {});
    },
  };
}

export type GraphQlClient = ReturnType<typeof createGraphQlClient>;

function pick(options: RequestOptions): Pick<ValidateOptions, "variables" | "operationName"> {
  return {
    ...(options.variables ? { variables: options.variables } : {}),
    ...(options.operationName ? { operationName: options.operationName } : {}),
  };
}
