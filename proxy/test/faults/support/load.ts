// Open-loop load at a fixed rate: requests leave on schedule whether or not earlier ones have answered,
// as shoppers do, so a slow proxy builds up in-flight requests instead of quietly slowing the load.
// Bounded in count (rate × duration) and in time (every request has undici's header and body timeouts).
import { Agent, request } from "undici";

export type RequestKind = "new-get" | "legacy-get" | "new-post" | "legacy-post" | "probe";

export interface ShopRequest {
  kind: RequestKind;
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** POSTs only: the id the upstreams count it by (header x-fault-post). */
  postId?: string;
}

export interface Answer {
  status: number;
  /** The body's first 200 characters. */
  body: string;
  headers: Record<string, string | string[] | undefined>;
  /** The proxy origin that answered. */
  origin: string;
  /** Sent to another instance after the first one refused it (see spread-sender.ts). */
  redispatched: boolean;
}

export interface ShopResult extends ShopRequest {
  sentAt: number;
  doneAt: number;
  answer?: Answer;
  /** undici's error code (ECONNREFUSED, UND_ERR_SOCKET, …) when no answer came. */
  error?: string;
}

export type Sender = (shopRequest: ShopRequest) => Promise<Answer>;

export const REQUEST_TIMEOUT_MS = 10_000;

export function createLoadAgent(): Agent {
  return new Agent({ connections: 128, headersTimeout: REQUEST_TIMEOUT_MS, bodyTimeout: REQUEST_TIMEOUT_MS, connectTimeout: 2_000 });
}

/** Sends to one origin through `agent`. */
export function createSender(origin: string, agent: Agent): Sender {
  return async (shopRequest) => ({ ...(await sendTo(origin, agent, shopRequest)), redispatched: false });
}

export async function sendTo(origin: string, agent: Agent, shopRequest: ShopRequest): Promise<Omit<Answer, "redispatched">> {
  const headers: Record<string, string> = { ...shopRequest.headers };
  if (shopRequest.postId !== undefined) headers["x-fault-post"] = shopRequest.postId;
  const response = await request(`${origin}${shopRequest.path}`, { method: shopRequest.method, headers, body: shopRequest.body, dispatcher: agent });
  const body = await response.body.text();
  return { status: response.statusCode, body: body.slice(0, 200), headers: response.headers, origin };
}

export async function sendOne(send: Sender, shopRequest: ShopRequest): Promise<ShopResult> {
  const sentAt = performance.now();
  try {
    const answer = await send(shopRequest);
    return { ...shopRequest, sentAt, doneAt: performance.now(), answer };
  } catch (error) {
    return { ...shopRequest, sentAt, doneAt: performance.now(), error: errorCode(error) };
  }
}

export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : String(error);
}

export interface LoadOptions {
  /** Requests per second. */
  rate: number;
  durationMs: number;
  next(index: number): ShopRequest;
  send: Sender;
}

/** Resolves with every request's result once the last one has settled. */
export async function runLoad(options: LoadOptions): Promise<ShopResult[]> {
  const total = Math.round((options.rate * options.durationMs) / 1000);
  const intervalMs = 1000 / options.rate;
  const started = performance.now();
  const pending: Array<Promise<ShopResult>> = [];
  while (pending.length < total) {
    const due = Math.min(total, Math.floor((performance.now() - started) / intervalMs) + 1);
    while (pending.length < due) pending.push(sendOne(options.send, options.next(pending.length)));
    const nextAt = started + pending.length * intervalMs;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, nextAt - performance.now())));
  }
  return Promise.all(pending);
}
