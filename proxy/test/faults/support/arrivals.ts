// What the upstreams actually received. The new side records its requests itself; the sandbox (legacy)
// does not, so its arrivals are read from node's own `http.server.request.start` diagnostics channel,
// filtered by the sandbox's port: nothing in the sandbox or the proxy changes for the count. POSTs are
// counted by their x-fault-post id; the proxy's page-type lookups (GraphQL `route` GETs) by time.
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type { Received } from "../../support/upstream.ts";

const CHANNEL = "http.server.request.start";

export interface SandboxArrivals {
  /** How many times each POST id arrived. */
  postCounts(): Map<string, number>;
  /** When each page-type lookup (GraphQL `route`) arrived, performance.now(). */
  routeLookups: number[];
  stop(): void;
}

export function watchSandboxArrivals(url: string): SandboxArrivals {
  const port = Number(new URL(url).port);
  const counts = new Map<string, number>();
  const routeLookups: number[] = [];
  const listener = (message: unknown) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    if (socket.localPort !== port) return;
    if (request.method === "POST") addPost(counts, request.headers["x-fault-post"]);
    else if (request.url?.startsWith("/graphql?") && request.url.includes("route")) routeLookups.push(performance.now());
  };
  subscribe(CHANNEL, listener);
  return { postCounts: () => new Map(counts), routeLookups, stop: () => unsubscribe(CHANNEL, listener) };
}

/** The POST count from what a test upstream recorded. */
export function countPostsReceived(received: readonly Received[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of received) if (request.method === "POST") addPost(counts, request.headers["x-fault-post"]);
  return counts;
}

function addPost(counts: Map<string, number>, id: string | string[] | undefined): void {
  if (typeof id === "string") counts.set(id, (counts.get(id) ?? 0) + 1);
}
