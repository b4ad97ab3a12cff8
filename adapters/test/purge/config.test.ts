// The purge endpoint's settings from env (bin/purge-server) and from options (createPurgeHandler).
import { describe, expect, it } from "vitest";
import { AdapterConfigError, loadPurgeEnv, parsePurgeOptions } from "../../src/index.ts";

const defaults = { allowedAddresses: ["127.0.0.0/8", "::1"], allowFullFlush: true, budgetMs: 2000, retryDelaysMs: [1000, 5000, 15_000, 60_000], maxBodyBytes: 1_048_576 };
const token = "a-purge-token-of-32-characters!!";

describe("loadPurgeEnv", () => {
  it.each([
    ["accepts no settings: loopback only, no token, full flush allowed", {}, defaults],
    ["accepts an allow-list of addresses and CIDR blocks", { PURGE_ALLOWED_ADDRESSES: "10.0.0.0/8, 192.168.1.7,fd00::/8" }, { ...defaults, allowedAddresses: ["10.0.0.0/8", "192.168.1.7", "fd00::/8"] }],
    ["accepts a token with an empty allow-list (token only)", { PURGE_ALLOWED_ADDRESSES: "", PURGE_TOKEN: token }, { ...defaults, allowedAddresses: [], token }],
    ["accepts empty PURGE_TOKEN and PURGE_ALLOW_FULL_FLUSH as unset", { PURGE_TOKEN: "", PURGE_ALLOW_FULL_FLUSH: "" }, defaults],
    ["accepts a disabled full flush and a budget", { PURGE_ALLOW_FULL_FLUSH: "false", PURGE_BUDGET_MS: "500" }, { ...defaults, allowFullFlush: false, budgetMs: 500 }],
  ])("%s", (_name, env, expected) => {
    expect(loadPurgeEnv(env)).toEqual(expected);
  });

  it.each([
    ["rejects a malformed address", { PURGE_ALLOWED_ADDRESSES: "10.0.0.0/8,localhost" }, 'PURGE_ALLOWED_ADDRESSES: "localhost" is not an IP address or CIDR block (e.g. 10.0.0.0/8, ::1)'],
    ["rejects a prefix too long for IPv4", { PURGE_ALLOWED_ADDRESSES: "10.0.0.0/33" }, 'PURGE_ALLOWED_ADDRESSES: "10.0.0.0/33" is not an IP address or CIDR block (e.g. 10.0.0.0/8, ::1)'],
    ["rejects an empty allow-list without a token", { PURGE_ALLOWED_ADDRESSES: "" }, "PURGE_ALLOWED_ADDRESSES: no address is allowed and no token is set, so nothing could purge"],
    ["rejects a short token", { PURGE_TOKEN: "short" }, "PURGE_TOKEN: the purge token must be at least 16 characters"],
    ["rejects a flag that is not true or false", { PURGE_ALLOW_FULL_FLUSH: "yes" }, "PURGE_ALLOW_FULL_FLUSH: must be true or false"],
    ["rejects a budget that is not a number", { PURGE_BUDGET_MS: "2s" }, "PURGE_BUDGET_MS: Invalid input: expected number, received NaN"],
  ])("%s", (_name, env, message) => {
    expect(() => loadPurgeEnv(env)).toThrow(new AdapterConfigError(`Invalid purge settings: ${message}`));
  });
});

describe("parsePurgeOptions", () => {
  it("accepts no options as the defaults", () => {
    expect(parsePurgeOptions()).toEqual(defaults);
  });

  it("rejects a negative budget, naming the option", () => {
    expect(() => parsePurgeOptions({ budgetMs: -1 })).toThrow("Invalid purge settings: budgetMs: Too small: expected number to be >=0");
  });
});
