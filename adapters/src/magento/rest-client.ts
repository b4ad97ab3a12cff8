// The ONE place that talks REST to Magento, for what GraphQL lacks (e.g. a guest cart's full
// totals segments incl. shipping). Same error mapping as GraphQL.
import axios, { AxiosError } from "axios";
import type { RequestContext } from "../domain/context.ts";
import { checkContext } from "../arguments.ts";
import { traceHttpCall } from "../tracing.ts";
import { mapHttpStatus, mapTransportError } from "./map-error.ts";

export interface MagentoRestOptions {
  restUrl: string;
  store: string;
  timeoutMs: number;
  /** Counts every HTTP call, as the GraphQL client's does. */
  onCall?: (operation: string) => void;
}

export interface MagentoRest {
  get<T>(operation: string, path: string, ctx: RequestContext): Promise<T>;
}

export function createMagentoRest(options: MagentoRestOptions): MagentoRest {
  const http = axios.create({ timeout: options.timeoutMs, validateStatus: () => true });
  return {
    async get<T>(operation: string, path: string, ctx: RequestContext): Promise<T> {
      checkContext(ctx);
      const url = `${options.restUrl}/${encodeURIComponent(ctx.store ?? options.store)}/V1/${path.replace(/^\//, "")}`;
      const headers: Record<string, string> = { Accept: "application/json" };
      if (ctx.customerToken) headers.Authorization = `Bearer ${ctx.customerToken}`;
      options.onCall?.(operation);
      return traceHttpCall("GET", url, operation, headers, async (span) => {
        let response;
        try {
          response = await http.get<T>(url, { headers });
        } catch (error) {
          throw mapTransportError(operation, error instanceof AxiosError && error.code === "ECONNABORTED" ? Object.assign(error, { name: "TimeoutError" }) : error, options.timeoutMs);
        }
        span.setStatus(response.status);
        if (response.status >= 400) throw mapHttpStatus(operation, response.status, JSON.stringify(response.data ?? ""));
        return response.data;
      });
    },
  };
}
