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
});
