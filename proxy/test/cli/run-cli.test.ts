import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runCli, USAGE } from "../../src/cli/run-cli.ts";
import { STRATEGY_TITLE } from "../../src/cli/plan-strategy.ts";
import { captureIo } from "../flags/support/shoppers.ts";

const PLAN = "id: product-pages\ntarget: new-frontend\nmatch:\n  - path: /p/**\nrollout: { percentage: 20, stickiness: sessionId }\n";
const SECOND = "id: cms-pages\ntarget: new-frontend\nmatch:\n  - path: /c/**\n";
const UNLEASH = "http://unleash.test";
const FEATURE_PATH = "/api/admin/projects/default/features/strangler.product-pages";

async function findClosedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 1));
    });
  });
}

describe("strangler CLI", () => {
  let plansDir: string;
  beforeAll(async () => {
    plansDir = await mkdtemp(join(tmpdir(), "strangler-cli-"));
    await writeFile(join(plansDir, "product-pages.yaml"), PLAN);
    await writeFile(join(plansDir, "cms-pages.yaml"), SECOND);
  });
  afterAll(() => rm(plansDir, { recursive: true, force: true }));
  afterEach(() => nock.cleanAll());

  const env = (extra: Record<string, string | undefined> = {}) => ({
    UNLEASH_URL: `${UNLEASH}/api`,
    UNLEASH_ADMIN_TOKEN: "*:*.admin",
    PLANS_DIR: plansDir,
    ...extra,
  });

  it.each([
    ["no command", [], "strangler: unknown command: (none)"],
    ["an unknown command", ["flags", "push"], "strangler: unknown command: flags push"],
    ["an unknown option", ["flags", "sync", "--force"], "strangler: unknown option: --force"],
  ])("rejects %s with the usage (exit 2)", async (_title, argv, message) => {
    const run = captureIo(env());
    expect(await runCli(argv, run.io)).toBe(2);
    expect(run.err).toEqual([`${message}\n${USAGE}`]);
  });

  it("rejects a missing token and URL, naming both (exit 2)", async () => {
    const run = captureIo({ PLANS_DIR: plansDir });
    expect(await runCli(["flags", "sync"], run.io)).toBe(2);
    expect(run.err).toEqual([
      "strangler: bad environment:\n  UNLEASH_URL: required: the Unleash API root, e.g. http://unleash:4242/api\n  UNLEASH_ADMIN_TOKEN: required: an admin API token or a personal access token",
    ]);
  });

  it("rejects broken plans before calling Unleash, with file and line (exit 1)", async () => {
    const broken = await mkdtemp(join(tmpdir(), "strangler-cli-broken-"));
    try {
      await writeFile(join(broken, "bad.yaml"), "id: bad\ntarget: nowhere\nmatch:\n  - path: /x\n");
      const run = captureIo(env({ PLANS_DIR: broken }));
      expect(await runCli(["flags", "sync"], run.io)).toBe(1);
      expect(run.err[0]).toContain(`strangler: the plans in ${broken} have problems; nothing was sent to Unleash:`);
      expect(run.err[0]).toMatch(/bad\.yaml:2/);
      expect(run.err[0]).toContain("nowhere");
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });

  it("says Unleash cannot be reached, once, and stops (exit 1)", async () => {
    const port = await findClosedPort();
    const run = captureIo(env({ UNLEASH_URL: `http://127.0.0.1:${port}/api` }));
    expect(await runCli(["flags", "sync"], run.io)).toBe(1);
    expect(run.err).toEqual([
      `FAILED strangler.cms-pages (plan cms-pages): GET http://127.0.0.1:${port}/api/admin/projects/default/features/strangler.cms-pages → cannot reach Unleash (ECONNREFUSED)`,
      "0 created, 0 updated, 0 unchanged, 1 failed, 1 not tried",
    ]);
  });

  it("updates only the rollout of its own strategy, keeping constraints and variants added in Unleash", async () => {
    const strategy = {
      id: "s-1",
      name: "flexibleRollout",
      title: STRATEGY_TITLE,
      parameters: { rollout: "5", stickiness: "sessionId", groupId: "strangler.product-pages" },
      constraints: [{ contextName: "storeCode", operator: "IN", values: ["default"] }],
      variants: [],
      segments: [],
    };
    const manual = { id: "s-2", name: "userWithId", title: null, parameters: { userIds: "qa" }, constraints: [] };
    const scope = nock(UNLEASH)
      .get(`/api/admin/projects/default/features/strangler.cms-pages`)
      .reply(200, { name: "strangler.cms-pages", project: "default", environments: [{ name: "development", enabled: false, strategies: [{ ...strategy, id: "s-0", parameters: { rollout: "0", stickiness: "sessionId", groupId: "strangler.cms-pages" } }] }] })
      .get(FEATURE_PATH)
      .reply(200, { name: "strangler.product-pages", project: "default", environments: [{ name: "development", enabled: true, strategies: [manual, strategy] }] })
      .put(`${FEATURE_PATH}/environments/development/strategies/s-1`, (body) => {
        expect(body).toEqual({ ...strategy, id: undefined, parameters: { ...strategy.parameters, rollout: "20" } });
        return true;
      })
      .reply(200, {});
    const run = captureIo(env());
    expect(await runCli(["flags", "sync"], run.io)).toBe(0);
    expect(run.out).toEqual([
      "strangler.cms-pages (plan cms-pages): unchanged",
      "strangler.product-pages (plan product-pages): updated — development: rollout 5% → 20% by sessionId",
      "0 created, 1 updated, 1 unchanged, 0 failed",
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it("prints Unleash's own message and status when it refuses a call, and goes on with the other plans", async () => {
    nock(UNLEASH)
      .get("/api/admin/projects/default/features/strangler.cms-pages")
      .reply(404, { message: "not found" })
      .post("/api/admin/projects/default/features")
      .reply(400, { name: "BadDataError", message: "Request validation failed", details: [{ message: "The `name` is already in use in another project" }] })
      .get(FEATURE_PATH)
      .reply(200, { name: "strangler.product-pages", project: "default", environments: [{ name: "development", enabled: true, strategies: [] }] })
      .post(`${FEATURE_PATH}/environments/development/strategies`)
      .reply(200, {});
    const run = captureIo(env());
    expect(await runCli(["flags", "sync"], run.io)).toBe(1);
    expect(run.err).toEqual([
      `FAILED strangler.cms-pages (plan cms-pages): POST ${UNLEASH}/api/admin/projects/default/features → HTTP 400: Request validation failed; The \`name\` is already in use in another project`,
      "0 created, 1 updated, 0 unchanged, 1 failed",
    ]);
    expect(run.out).toEqual(["strangler.product-pages (plan product-pages): updated — development: rollout 20% by sessionId"]);
  });
});
