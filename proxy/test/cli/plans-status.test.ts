// `strangler plans status` against a real proxy on port 0: each plan with its target, match, flag, stage
// and current share, read from the admin API (GET /plans joined with GET /flags).
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.ts";
import { closedPortUrl } from "../support/ports.ts";
import { captureIo } from "../flags/support/shoppers.ts";
import { requestJsonWithToken, waitUntil } from "../flags/support/http.ts";
import { runBin } from "./support/run-bin.ts";
import { startCliProxy, type CliProxy } from "./support/cli-proxy.ts";

const PLANS = {
  "product-pages.yaml": "id: product-pages\ntarget: new-frontend\nmatch:\n  - pageType: PRODUCT\n  - path: /p/**\n    methods: [GET, HEAD, POST]\nrollout: { percentage: 20, stickiness: sessionId }\n",
  "search.yaml": "id: search\ntarget: new-frontend\nmatch:\n  - path: /catalogsearch/result/\n    query: { q: \"*\" }\n    store: default\nflag: search-flag\n",
  "parked.yaml": "id: parked\nenabled: false\ntarget: new-frontend\nmatch:\n  - path: /parked/**\n",
};

let running: CliProxy;
beforeAll(async () => {
  running = await startCliProxy(PLANS);
});
afterAll(() => running.close());

async function status(argv: string[] = [], env: Record<string, string | undefined> = running.env) {
  const io = captureIo(env);
  const code = await runCli(["plans", "status", ...argv], io.io);
  return { code, out: io.out, err: io.err };
}

describe("strangler plans status", () => {
  it("prints each served plan with target, match, flag, stage and the share its flag sends now (ADMIN_PORT finds the proxy)", async () => {
    const result = await status();
    expect(result.code).toBe(0);
    expect(result.err).toEqual([]);
    expect(result.out[0]!.split("\n")).toEqual([
      "PLAN           TARGET        MATCH                                      FLAG                     STAGE  SHARE",
      "product-pages  new-frontend  pageType=PRODUCT | /p/** GET,HEAD,POST     strangler.product-pages  split  20% (plan rollout)",
      "search         new-frontend  /catalogsearch/result/ ?q=* store=default  search-flag              split  0% (plan rollout)",
      "parked         new-frontend  /parked/**                                 strangler.parked         off    0% (plan disabled)",
      expect.stringMatching(new RegExp(`^\\(plans in ${running.plans.dir}, loaded \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z; admin API http://127\\.0\\.0\\.1:${running.env.ADMIN_PORT}\\)$`)),
    ]);
  });

  it("follows the flag store: a percentage set, then the kill switch", async () => {
    const admin = running.proxy.adminUrl;
    await requestJsonWithToken(`${admin}/flags/search-flag`, running.env.ADMIN_TOKEN, { method: "PUT", body: { percentage: 35 } });
    await requestJsonWithToken(`${admin}/flags/strangler.product-pages/kill`, running.env.ADMIN_TOKEN, { method: "POST" });
    try {
      const table = (await status()).out[0]!;
      expect(table).toMatch(/\nproduct-pages {2}.* {2}split {2}0% \(killed\)\n/);
      expect(table).toMatch(/\nsearch {9}.* {2}split {2}35% \(local flag\)\n/);
    } finally {
      await requestJsonWithToken(`${admin}/flags/strangler.product-pages/kill`, running.env.ADMIN_TOKEN, { method: "DELETE" });
    }
  });

  it("prints one JSON object with --json, the proxy named by --admin", async () => {
    await requestJsonWithToken(`${running.proxy.adminUrl}/flags/search-flag`, running.env.ADMIN_TOKEN, { method: "PUT", body: { percentage: 35 } });
    const result = await status(["--json", "--admin", running.proxy.adminUrl], { ADMIN_TOKEN: running.env.ADMIN_TOKEN });
    expect(result.code).toBe(0);
    const answer = JSON.parse(result.out.join("\n"));
    expect(answer).toEqual({ admin: running.proxy.adminUrl, dir: running.plans.dir, loadedAt: expect.any(String), problems: [], plans: expect.any(Array) });
    expect(answer.plans[1]).toEqual({
      id: "search",
      target: "new-frontend",
      match: ["/catalogsearch/result/ ?q=* store=default"],
      flag: "search-flag",
      stage: "split",
      share: { percentage: 35, decidedBy: "local" },
    });
    // Killed and revived: the store remembers the plan's percentage the kill found.
    expect(answer.plans[0]).toMatchObject({ id: "product-pages", share: { percentage: 20, decidedBy: "local" } });
  });

  it("shows a refused plan edit with its problems, while the last good plans keep serving", async () => {
    await running.plans.write("broken.yaml", "id: broken\ntarget: nowhere\nmatch:\n  - path: /b/**\n");
    try {
      await waitUntil(async () => (await status()).out[0]!.includes("last plan edit refused"), 5_000, 50);
      const lines = (await status()).out[0]!.split("\n");
      expect(lines.slice(1, 3).map((line) => line.split(" ")[0])).toEqual(["product-pages", "search"]);
      expect(lines.slice(-3)).toEqual([
        expect.stringMatching(/^last plan edit refused at \S+; the plans above keep serving:$/),
        `${running.plans.dir}/broken.yaml:2:9  unknown-target  target "nowhere" is not a known upstream (plan broken)`,
        expect.stringMatching(/^ {4}fix: use one of the known upstreams: /),
      ]);
    } finally {
      await rm(join(running.plans.dir, "broken.yaml"));
    }
  });
});

describe("strangler plans status failures", () => {
  it("says the admin API cannot be reached, and how to point at it (exit 1)", async () => {
    const admin = await closedPortUrl();
    const result = await status(["--admin", admin]);
    expect(result).toEqual({
      code: 1,
      out: [],
      err: [`strangler: GET ${admin}/plans → cannot reach the proxy's admin API (ECONNREFUSED); is the proxy running, and is --admin (or ADMIN_PORT) its admin port?`],
    });
  });

  it("passes on the admin API's refusal of a wrong token, with a hint (exit 1)", async () => {
    const result = await status([], { ...running.env, ADMIN_TOKEN: "not-the-token-0000000" });
    expect(result.err).toEqual([
      `strangler: GET http://127.0.0.1:${running.env.ADMIN_PORT}/plans → HTTP 401: send Authorization: Bearer <ADMIN_TOKEN> (check ADMIN_TOKEN: it must be the proxy's own)`,
    ]);
    expect(result.code).toBe(1);
  });

  it("says --admin points at something that is not the admin API (the shop port) (exit 1)", async () => {
    const result = await status(["--admin", running.proxy.shopUrl]);
    expect(result.code).toBe(1);
    expect(result.err).toEqual([`strangler: GET ${running.proxy.shopUrl}/plans → an answer that is not the strangler admin API's (is --admin the proxy's admin port?)`]);
  });

  it.each([
    ["no ADMIN_TOKEN", {}, [], "  ADMIN_TOKEN: required: the proxy's ADMIN_TOKEN (the admin API wants it as a bearer token)"],
    ["an empty ADMIN_TOKEN (empty counts as unset)", { ADMIN_TOKEN: "" }, [], "  ADMIN_TOKEN: required: the proxy's ADMIN_TOKEN (the admin API wants it as a bearer token)"],
    ["an ADMIN_PORT that is no port", { ADMIN_TOKEN: "x", ADMIN_PORT: "nine" }, [], "  ADMIN_PORT: must be a port number from 1 to 65535"],
    ["an --admin that is no URL", { ADMIN_TOKEN: "x" }, ["--admin", "localhost:9090"], "  --admin: must be the admin API's http(s) URL, e.g. http://127.0.0.1:9090"],
  ])("rejects %s before calling anything (exit 2)", async (_title, env, argv, problem) => {
    expect(await status(argv, env)).toEqual({ code: 2, out: [], err: [`strangler: bad environment:\n${problem}`] });
  });

  it("runs from the real bin with only ADMIN_TOKEN and ADMIN_PORT in its env", async () => {
    const result = await runBin(["plans", "status"], running.env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^PLAN +TARGET +MATCH +FLAG +STAGE +SHARE\nproduct-pages +new-frontend /);
  });
});
