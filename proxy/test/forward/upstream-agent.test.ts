// The agent's two timeouts, with a real http.request: a connection that never opens (name lookup held
// forever) fails with UPSTREAM_CONNECT_TIMEOUT; an upstream that goes silent fails with UPSTREAM_TIMEOUT.
import { get } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyUpstreamError } from "../../src/errors.ts";
import { UpstreamAgent } from "../../src/forward/upstream-agent.ts";
import { startUpstream } from "../support/upstream.ts";
import type { TestUpstream } from "../support/upstream.ts";

let silent: TestUpstream;
beforeAll(async () => { silent = await startUpstream("silent", () => {}); });
afterAll(() => silent.close());

function request(agent: UpstreamAgent, url: string): Promise<Error> {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent }, () => reject(new Error("unexpected response")));
    req.on("error", resolve);
  });
}

describe("UpstreamAgent", () => {
  it("fails a connection that does not open within the connect timeout", async () => {
    const agent = new UpstreamAgent({ name: "new-frontend", connectTimeoutMs: 100, responseTimeoutMs: 10_000, maxSockets: 4 });
    // Agent options reach net.connect: a lookup that never answers keeps the socket connecting.
    (agent as unknown as { options: Record<string, unknown> }).options.lookup = () => {};
    const error = await request(agent, "http://upstream.invalid:8080/x");
    expect(error).toMatchObject({ code: "UPSTREAM_CONNECT_TIMEOUT", message: "connect to new-frontend timed out after 100 ms" });
    expect(classifyUpstreamError(error)).toBe("connect");
    agent.destroy();
  });

  it("fails a request whose upstream stays silent past the response timeout", async () => {
    const agent = new UpstreamAgent({ name: "legacy", connectTimeoutMs: 1_000, responseTimeoutMs: 150, maxSockets: 4 });
    const error = await request(agent, `${silent.url}/slow`);
    expect(error).toMatchObject({ code: "UPSTREAM_TIMEOUT", message: "legacy sent nothing for 150 ms" });
    expect(classifyUpstreamError(error)).toBe("timeout");
    agent.destroy();
  });

  it("adds up silence across idle periods when the response timeout is longer than the idle period", async () => {
    const agent = new UpstreamAgent({ name: "legacy", connectTimeoutMs: 1_000, responseTimeoutMs: 250, maxSockets: 4, idleSocketMs: 60 });
    const started = performance.now();
    const error = await request(agent, `${silent.url}/slow`);
    expect(error).toMatchObject({ code: "UPSTREAM_TIMEOUT", message: "legacy sent nothing for 250 ms" });
    // Not at the first idle expiry (60 ms): only once 250 ms of silence have added up.
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    agent.destroy();
  });

  // Each gap (100 ms) outlasts the idle period (60 ms) but not the response timeout (150 ms): a byte resets the silence.
  it("lets a response that keeps sending outlast the response timeout, and reuses its socket afterwards", async () => {
    const trickle = await startUpstream("trickle", (_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      let sent = 0;
      const timer = setInterval(() => {
        res.write("x");
        if (++sent === 5) { clearInterval(timer); res.end(); }
      }, 100);
    });
    const agent = new UpstreamAgent({ name: "legacy", connectTimeoutMs: 1_000, responseTimeoutMs: 150, maxSockets: 4, idleSocketMs: 60 });
    try {
      const body = () => new Promise<{ text: string; reused: boolean }>((resolve, reject) => {
        const req = get(`${trickle.url}/t`, { agent }, (res) => {
          let text = "";
          res.setEncoding("utf8").on("data", (chunk: string) => { text += chunk; }).on("end", () => resolve({ text, reused: req.reusedSocket }));
        });
        req.on("error", reject);
      });
      expect(await body()).toEqual({ text: "xxxxx", reused: false });
      expect(await body()).toEqual({ text: "xxxxx", reused: true });
    } finally {
      agent.destroy();
      await trickle.close();
    }
  });

  it("closes an idle pooled socket after the idle period", async () => {
    const quick = await startUpstream("quick", (_req, res) => { res.end("ok"); });
    const agent = new UpstreamAgent({ name: "legacy", connectTimeoutMs: 1_000, responseTimeoutMs: 10_000, maxSockets: 4, idleSocketMs: 80 });
    try {
      const fetchOnce = () => new Promise<boolean>((resolve, reject) => {
        const req = get(`${quick.url}/q`, { agent }, (res) => { res.resume().on("end", () => resolve(req.reusedSocket)); });
        req.on("error", reject);
      });
      expect(await fetchOnce()).toBe(false);
      expect(await fetchOnce()).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(Object.keys(agent.freeSockets)).toEqual([]);
      expect(await fetchOnce()).toBe(false);
    } finally {
      agent.destroy();
      await quick.close();
    }
  });
});
