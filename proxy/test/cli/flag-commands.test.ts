// `strangler flags set|kill|revive` against a real proxy on port 0: the shop's answers move as the
// command says, at once (the local flag store is in the proxy's process).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.ts";
import { getBucket } from "../../src/flags/index.ts";
import { captureIo, createShoppers, readSides } from "../flags/support/shoppers.ts";
import { startCliProxy, type CliProxy } from "./support/cli-proxy.ts";

const FLAG = "strangler.product-pages";
const PLANS = {
  "product-pages.yaml": "id: product-pages\ntarget: new-frontend\nmatch:\n  - path: /p/**\nrollout: { percentage: 0, stickiness: sessionId }\n",
  "cms-pages.yaml": "id: cms-pages\ntarget: new-frontend\nmatch:\n  - path: /c/**\n",
};
const shoppers = createShoppers(200, "cli-flags");

let running: CliProxy;
beforeAll(async () => {
  running = await startCliProxy(PLANS);
});
afterAll(() => running.close());

async function flags(argv: string[]) {
  const io = captureIo(running.env);
  const code = await runCli(["flags", ...argv], io.io);
  return { code, out: io.out, err: io.err };
}

const sidesNow = () => readSides(running.proxy.shopUrl, shoppers, (sessionId) => `/p/${sessionId}`);
const expectedAt = (percentage: number) => shoppers.map((sessionId) => getBucket(FLAG, sessionId) <= percentage);

describe("strangler flags set|kill|revive", () => {
  it("ramps a plan named by its id: exactly the shoppers in the rollout move to the new side", async () => {
    expect(await sidesNow()).toEqual(expectedAt(0));
    const result = await flags(["set", "product-pages", "30"]);
    expect(result).toEqual({ code: 0, out: [`${FLAG} (plan product-pages): share 30% (local flag)`], err: [] });
    const sides = await sidesNow();
    expect(sides).toEqual(expectedAt(30));
    expect(sides.filter(Boolean).length).toBeGreaterThan(30);
  });

  it("accepts the flag's own name and a percent sign", async () => {
    expect(await flags(["set", FLAG, "100%"])).toEqual({ code: 0, out: [`${FLAG} (plan product-pages): share 100% (local flag)`], err: [] });
    expect(await sidesNow()).toEqual(expectedAt(100));
  });

  it("kills: every shopper to legacy at once; a later set keeps it killed; revive restores the percentage", async () => {
    const killed = await flags(["kill", "product-pages"]);
    expect(killed).toEqual({ code: 0, out: [`${FLAG} (plan product-pages): killed, every request to legacy; lift it with: strangler flags revive product-pages`], err: [] });
    expect(await sidesNow()).toEqual(expectedAt(0));
    const setWhileKilled = await flags(["set", "product-pages", "50"]);
    expect(setWhileKilled.out).toEqual([`${FLAG} (plan product-pages): killed, every request to legacy; lift it with: strangler flags revive product-pages`]);
    expect(await sidesNow()).toEqual(expectedAt(0));
    expect(await flags(["revive", "product-pages"])).toEqual({ code: 0, out: [`${FLAG} (plan product-pages): share 50% (local flag)`], err: [] });
    expect(await sidesNow()).toEqual(expectedAt(50));
  });

  it("rejects a flag or plan the proxy does not know, listing the ones it does (exit 1)", async () => {
    const result = await flags(["kill", "product-page"]);
    expect(result).toEqual({
      code: 1,
      out: [],
      err: [`strangler: no flag or plan named "product-page" on the proxy at http://127.0.0.1:${running.env.ADMIN_PORT}; its flags: strangler.cms-pages (plan cms-pages), ${FLAG} (plan product-pages)`],
    });
  });
});
