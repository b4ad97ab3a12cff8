// The one place that reads Magento's storefront HTML (what neither GraphQL nor REST exposes, such as
// the theme's stylesheet links in the page head). Same error mapping as the GraphQL and REST clients.
import axios, { AxiosError } from "axios";
import type { RequestContext } from "../domain/context.ts";
import { checkContext } from "../arguments.ts";
import { mapHttpStatus, mapTransportError } from "./map-error.ts";

export interface MagentoStorefrontOptions {
  magentoUrl: string;
  store: string;
  timeoutMs: number;
  onCall?: (operation: string) => void;
}

export interface MagentoStorefront {
  /** The HTML of a storefront page (`path` like `/`), rendered for the context's store view. */
  getHtml(operation: string, path: string, ctx: RequestContext): Promise<string>;
}

/** Pages bigger than this are not a storefront page worth reading (and could exhaust memory). */
const maxHtmlBytes = 4 * 1024 * 1024;

export function createMagentoStorefront(options: MagentoStorefrontOptions): MagentoStorefront {
  const http = axios.create({ timeout: options.timeoutMs, validateStatus: () => true, responseType: "text", maxContentLength: maxHtmlBytes, maxRedirects: 3 });
  return {
    async getHtml(operation, path, ctx) {
      checkContext(ctx);
      const url = new URL(path, `${options.magentoUrl.replace(/\/+$/, "")}/`).toString();
      // Magento picks the store view of a storefront page by its `store` cookie (StoreResolver), as a shopper's browser sends it.
      const headers = { Accept: "text/html", Cookie: `store=${encodeURIComponent(ctx.store ?? options.store)}` };
      options.onCall?.(operation);
      let response;
      try {
        response = await http.get<string>(url, { headers });
      } catch (error) {
        throw mapTransportError(operation, error instanceof AxiosError && error.code === "ECONNABORTED" ? Object.assign(error, { name: "TimeoutError" }) : error, options.timeoutMs);
      }
      if (response.status >= 400) throw mapHttpStatus(operation, response.status, String(response.data ?? "").slice(0, 200));
      return String(response.data ?? "");
    },
  };
}
