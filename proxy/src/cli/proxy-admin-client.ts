// The calls the CLI makes to a running proxy's admin API (GET /plans, /flags; PUT and kill under /flags),
// over plain fetch with the bearer token. Every failure becomes a ProxyAdminError naming the call, the
// HTTP status and the admin API's own message; answers are checked against the shape the CLI reads.
import type { z } from "zod";
import { ProxyError } from "../errors.ts";

export class ProxyAdminError extends ProxyError {
  readonly status: number | undefined;
  constructor(code: string, message: string, status?: number, options: { cause?: unknown } = {}) {
    super(code, message, options);
    this.status = status;
  }
}

export interface ProxyAdminClient {
  readonly url: string;
  call<T extends z.ZodType>(method: "GET" | "PUT" | "POST" | "DELETE", path: string, shape: T, body?: unknown): Promise<z.output<T>>;
}

function describeRefusal(status: number, body: unknown, text: string): string {
  const message = (body as { message?: unknown } | undefined)?.message;
  const detail = typeof message === "string" ? message : text.trim().slice(0, 200) || "(empty answer)";
  return status === 401 ? `${detail} (check ADMIN_TOKEN: it must be the proxy's own)` : detail;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `headers`: sent on every call, such as X-Strangler-Actor and X-Strangler-Why for the audit log. */
export function createProxyAdminClient(adminUrl: string, token: string, timeoutMs = 10_000, headers: Record<string, string> = {}): ProxyAdminClient {
  const root = adminUrl.replace(/\/+$/, "");
  return {
    url: root,
    async call(method, path, shape, body) {
      const label = `${method} ${root}${path}`;
      let response: Response;
      try {
        response = await fetch(`${root}${path}`, {
          method,
          headers: { ...headers, authorization: `Bearer ${token}`, accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        const reason = cause?.code ?? cause?.message ?? (error as Error).message;
        throw new ProxyAdminError("ADMIN_UNREACHABLE", `${label} → cannot reach the proxy's admin API (${reason}); is the proxy running, and is --admin (or ADMIN_PORT) its admin port?`, undefined, { cause: error });
      }
      const text = await response.text();
      const json = parseJson(text);
      if (!response.ok) throw new ProxyAdminError("ADMIN_REJECTED", `${label} → HTTP ${response.status}: ${describeRefusal(response.status, json, text)}`, response.status);
      const parsed = shape.safeParse(json);
      if (!parsed.success) throw new ProxyAdminError("ADMIN_UNEXPECTED_ANSWER", `${label} → an answer that is not the strangler admin API's (is --admin the proxy's admin port?)`, response.status, { cause: parsed.error });
      return parsed.data;
    },
  };
}
