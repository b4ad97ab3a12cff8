// The pages a shopper sees when the proxy itself answers: short, clean HTML, never a stack trace.
import type { ServerResponse } from "node:http";

const TEXTS: Record<number, [string, string]> = {
  400: ["Bad request", "The address of this page is not valid."],
  405: ["Method not allowed", "This kind of request is not accepted here."],
  408: ["Request timeout", "Your request arrived too slowly. Please try again."],
  431: ["Request headers too large", "Your request carried too many or too large headers."],
  502: ["The shop is temporarily unavailable", "We could not reach the shop just now. Please try again in a moment."],
  503: ["The shop is busy", "The shop is restarting or under maintenance. Please try again in a moment."],
  504: ["The shop is taking too long", "The page took too long to load. Please try again in a moment."],
};

const PAGES = new Map<number, Buffer>();
for (const [status, [title, text]] of Object.entries(TEXTS)) {
  PAGES.set(Number(status), Buffer.from(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"></head>` +
    `<body style="font-family:sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem">` +
    `<h1>${title}</h1><p>${text}</p></body></html>\n`,
  ));
}

/** Ends `res` with the page for `status`; extra headers (e.g. the debug decision) go first. */
export function sendErrorPage(res: ServerResponse, status: number, extraHeaders: string[] = [], close = false): void {
  const body = PAGES.get(status) ?? PAGES.get(502)!;
  const headers = [
    ...extraHeaders,
    "Content-Type", "text/html; charset=utf-8",
    "Content-Length", String(body.length),
    "Cache-Control", "no-store",
  ];
  if (close) headers.push("Connection", "close");
  res.writeHead(status, headers);
  res.end(res.req?.method === "HEAD" ? undefined : body);
}
