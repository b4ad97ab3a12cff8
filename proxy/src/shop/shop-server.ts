// The shop port's server: node:http with the header limits and timeouts set, every request, upgrade,
// CONNECT and parser refusal handed to the shop handler, and a drain that stops accepting, lets in-flight
// requests finish, then cuts what is left (upgraded sockets included).
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { ProxyConfig } from "../config.ts";

export interface ShopHandlers {
  onRequest(req: IncomingMessage, res: ServerResponse): void;
  onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  onConnect(req: IncomingMessage, socket: Duplex): void;
  onClientError(error: Error, socket: Duplex): void;
}

export function createShopServer(config: ProxyConfig, handlers: ShopHandlers) {
  let inFlight = 0;
  let draining = false;
  let onIdle: (() => void) | undefined;
  function requestDone(): void {
    inFlight -= 1;
    if (inFlight === 0) onIdle?.();
  }
  const server = createServer({
    maxHeaderSize: config.MAX_HEADER_SIZE,
    headersTimeout: config.HEADERS_TIMEOUT_MS,
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    // Checked by the handler, so a request without Host is refused with an access line (HTTP/1.1), or
    // sent on with the public host (HTTP/1.0).
    requireHostHeader: false,
  }, (req, res) => {
    inFlight += 1;
    res.on("close", requestDone);
    if (draining) res.shouldKeepAlive = false;
    handlers.onRequest(req, res);
  });
  // One above the limit, so a request over it is seen (node silently drops headers past maxHeadersCount).
  server.maxHeadersCount = config.MAX_HEADERS_COUNT + 1;
  server.on("upgrade", handlers.onUpgrade);
  server.on("connect", handlers.onConnect);
  server.on("clientError", handlers.onClientError);
  // Upgraded (WebSocket) sockets leave node's connection list; keep our own so a drain can end them.
  const sockets = new Set<Duplex>();
  server.on("connection", (socket: Duplex) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });

  return {
    server,
    get draining() { return draining; },
    async drain(timeoutMs: number): Promise<void> {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, timeoutMs);
          onIdle = () => { clearTimeout(timer); resolve(); };
        });
      }
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
