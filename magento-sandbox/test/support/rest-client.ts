import { expect } from "vitest";
import { assertConforms, type ResponseSchema } from "./rest-openapi.ts";

/** Calls the REST API and checks status and body shape in one step (every body is validated). */
export interface CallOptions {
  body?: unknown;
  rawBody?: string;
  token?: string;
  /** Extra request headers (a session cookie, a store code…). */
  headers?: Record<string, string>;
  status?: number;
  /** Schema of a 200 body; error bodies are always checked against `error-response`. */
  schema?: ResponseSchema;
}

export function createRestClient(baseUrl: string | (() => string)) {
  return async function call<T = unknown>(method: string, path: string, options: CallOptions = {}): Promise<T> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    Object.assign(headers, options.headers);
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const response = await fetch(`${typeof baseUrl === "string" ? baseUrl : baseUrl()}${path}`, { method, headers, body });
    const text = await response.text();
    const parsed = JSON.parse(text) as T;
    expect(response.status, `${method} ${path}: ${text.slice(0, 300)}`).toBe(options.status ?? 200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    if (response.status >= 400) assertConforms(parsed, "error-response");
    else if (options.schema) assertConforms(parsed, options.schema);
    else throw new Error(`${method} ${path}: a 2xx body must name its schema`);
    return parsed;
  };
}

export type RestCall = ReturnType<typeof createRestClient>;
