// The shop port's server: node:http with the header limits set, CONNECT refused, WebSocket upgrades
// routed, and a drain that stops accepting, lets in-flight requests finish, then cuts what is left.
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { ProxyConfig } from "../config.ts";

export interface ShopHandlers {
  onRequest(req: IncomingMessage, res: ServerResponse): void;
  onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
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
    requireHostHeader: true,
  }, (req, res) => {
    inFlight += 1;
    if (draining) res.shouldKeepAlive = false;
    if (req.rawHeaders.length > config.MAX_HEADERS_COUNT * 2) {
      res.once("close", requestDone);
      res.writeHead(431, ["Content-Type", "text/plain", "Connection", "close"]).end("Too many request headers\n");
      return;
    }
    handlers.onRequest(req, res);
  });
  // One above the limit, so a request over it is seen (node silently drops headers past maxHeadersCount).
  server.maxHeadersCount = config.MAX_HEADERS_COUNT + 1;
  server.on("upgrade", handlers.onUpgrade);
  // Upgraded (WebSocket) sockets leave node's connection list; keep our own so a drain can end them.
  const sockets = new Set<Duplex>();
  server.on("connection", (socket: Duplex) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  server.on("connect", (_req: IncomingMessage, socket: Duplex) => {
    socket.end("HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  });

  return {
    server,
    /** The handler calls this once per request it was given, when the response closes. */
    requestDone,
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
