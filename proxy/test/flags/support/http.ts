import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type Router } from "express";

/** Mounts a router on a real express server on 127.0.0.1 port 0. */
export async function startRouterServer(mountPath: string, router: Router): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.use(mountPath, router);
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

export async function requestJson(url: string, init: { method?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; body: JsonBody }> {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | undefined;
  if (init.rawBody !== undefined || init.body !== undefined) {
    headers["content-type"] = "application/json";
    body = init.rawBody ?? JSON.stringify(init.body);
  }
  const response = await fetch(url, { method: init.method ?? "GET", headers, body });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

// Tests read deep fields of answers; a loose type keeps them short.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonBody = any;

/** Polls `check` until it returns true; returns the elapsed ms. Throws after `timeoutMs`. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, pollMs = 25): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (await check()) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

export function requestJsonWithToken(url: string, token: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: JsonBody }> {
  return requestJson(url, { ...init, headers: { authorization: `Bearer ${token}` } });
}
