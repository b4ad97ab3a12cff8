// A relay in front of a real Luma (the sandbox) that may rewrite each HTML page it passes on, by path: how
// these tests build a Magento with structured data and a new side deliberately wrong in known ways.
// It records what it received (method, path, cookie header) and counts the PHP sessions the sandbox started.
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { request } from "undici";

export type Rewrite = (path: string, html: string) => string;

export interface RelayRecord {
  method: string; url: string; cookie: string | undefined;
  /** Sent by the proxy's shadow runner (X-Strangler-Shadow: 1). */
  shadow: boolean;
  /** The answer set a new PHPSESSID: Magento started a session for this request. */
  startedSession: boolean;
}

export interface RewritingRelay {
  url: string;
  received: RelayRecord[];
  /** Answers on which the sandbox set a new PHPSESSID (a session started). */
  sessionsStarted(): number;
  close(): Promise<void>;
}

const DROPPED = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "host", "content-encoding"]);

export async function startRewritingRelay(target: string, rewrite: Rewrite = (_path, html) => html): Promise<RewritingRelay> {
  const received: RelayRecord[] = [];
  let sessions = 0;
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const record = { method: req.method ?? "", url: req.url ?? "", cookie: req.headers.cookie, shadow: req.headers["x-strangler-shadow"] === "1", startedSession: false };
      received.push(record);
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !DROPPED.has(name) && name !== "accept-encoding")) as Record<string, string>;
      const body = Buffer.concat(chunks);
      const answer = await request(target + req.url, { method: req.method as "GET", headers, body: body.length > 0 ? body : undefined });
      const setCookie = answer.headers["set-cookie"];
      record.startedSession = [setCookie ?? []].flat().some((line) => line.startsWith("PHPSESSID="));
      if (record.startedSession) sessions++;
      const raw = Buffer.from(await answer.body.arrayBuffer());
      const isHtml = String(answer.headers["content-type"] ?? "").includes("text/html");
      const out = isHtml ? Buffer.from(rewrite(new URL(req.url ?? "/", "http://x").pathname, raw.toString("utf8"))) : raw;
      const kept = Object.entries(answer.headers).filter(([name]) => !DROPPED.has(name)) as Array<[string, string | string[]]>;
      res.writeHead(answer.statusCode, Object.fromEntries(kept));
      res.end(out);
    });
  });
  server.on("connection", (socket) => { sockets.add(socket); socket.on("close", () => sockets.delete(socket)); });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    sessionsStarted: () => sessions,
    close: () => new Promise((resolve) => { for (const socket of sockets) socket.destroy(); server.close(() => resolve()); }),
  };
}

/** What a Magento with an SEO module adds: a Product JSON-LD block built from the page's own facts. */
export const withProductJsonLd: Rewrite = (_path, html) => {
  const sku = /itemprop="sku">([^<]+)</.exec(html)?.[1];
  const price = /data-price-amount="([^"]+)" data-price-type="finalPrice"/.exec(html)?.[1];
  if (sku === undefined) return html;
  const block = JSON.stringify({ "@context": "https://schema.org", "@type": "Product", sku, offers: { "@type": "Offer", price, priceCurrency: "USD" } });
  return html.replace("</head>", `<script type="application/ld+json">${block}</script></head>`);
};
