// `strangler --help`, `strangler <group> --help` and `strangler <command> --help` print usage and exit 0;
// arguments are checked by node:util parseArgs and refused with the usage (exit 2).
import { describe, expect, it } from "vitest";
import { COMMANDS, runCli, USAGE } from "../../src/cli/run-cli.ts";
import { captureIo } from "../flags/support/shoppers.ts";
import { runBin } from "./support/run-bin.ts";

const USAGE_LINES = {
  "flags sync": "usage: strangler flags sync [--plans DIR]",
  "flags status": "usage: strangler flags status [--plans DIR] [--json]",
  "flags set": "usage: strangler flags set FLAG PERCENT [--admin URL] [--why TEXT]",
  "flags kill": "usage: strangler flags kill FLAG [--admin URL] [--why TEXT]",
  "flags revive": "usage: strangler flags revive FLAG [--admin URL] [--why TEXT]",
  "plans validate": "usage: strangler plans validate [DIR] [--target NAME]… [--json]",
  "plans status": "usage: strangler plans status [--admin URL] [--json]",
  "plans parity": "usage: strangler plans parity [PLAN] [--admin URL] [--samples N] [--json] | --crawl [--legacy URL] [--new URL] [--concurrency N] [--limit N]",
  "rollout status": "usage: strangler rollout status [PLAN] [--json] [--admin URL]",
  "rollout start": "usage: strangler rollout start PLAN [--dry-run] [--why TEXT] [--admin URL]",
  "rollout pause": "usage: strangler rollout pause PLAN [--dry-run] [--why TEXT] [--admin URL]",
  "rollout resume": "usage: strangler rollout resume PLAN [--dry-run] [--why TEXT] [--admin URL]",
  "rollout promote": "usage: strangler rollout promote PLAN [--dry-run] [--why TEXT] [--admin URL]",
  "rollout rollback": "usage: strangler rollout rollback PLAN [--dry-run] [--why TEXT] [--admin URL]",
  "rollout run": "usage: strangler rollout run",
  "rollout simulate": "usage: strangler rollout simulate PLAN --metrics FILE [--plans DIR] [--json]",
};

async function run(argv: string[]) {
  const io = captureIo({});
  const code = await runCli(argv, io.io);
  return { code, out: io.out, err: io.err };
}

describe("strangler --help", () => {
  it.each([["--help"], ["-h"]])("prints every command's usage line for %s and exits 0", async (flag) => {
    const result = await run([flag]);
    expect(result).toEqual({ code: 0, out: [USAGE], err: [] });
    for (const name of Object.keys(USAGE_LINES)) expect(USAGE).toMatch(new RegExp(`strangler ${name} +\\S`));
    expect(USAGE).toContain("strangler <command> --help   what one command does, its options, env and exit codes");
  });

  it("lists every command there is, and nothing else", () => {
    expect(COMMANDS.map((spec) => spec.name)).toEqual(Object.keys(USAGE_LINES));
  });

  it.each(Object.entries(USAGE_LINES))("prints `strangler %s --help`: usage, options, env and exit codes (exit 0)", async (name, usageLine) => {
    const result = await run([...name.split(" "), "--help"]);
    expect(result.code).toBe(0);
    expect(result.err).toEqual([]);
    const [text] = result.out;
    expect(text?.split("\n")[0]).toBe(usageLine);
    expect(text).toMatch(/\n\n\S/);
    expect(text).toMatch(/\nexit: 0 [^\n]+, 2 bad arguments/);
  });

  it.each([
    ["-h after a command", ["plans", "status", "-h"]],
    ["--help without the command's required arguments", ["flags", "set", "--help"]],
    ["--help after other options", ["plans", "validate", "some/dir", "--json", "--help"]],
  ])("prints the command's help for %s", async (_title, argv) => {
    const result = await run(argv);
    expect(result.code).toBe(0);
    expect(result.out[0]).toMatch(/^usage: strangler (plans status|flags set|plans validate) /);
  });

  it.each([
    ["plans", ["plans validate", "plans status", "plans parity"]],
    ["flags", ["flags sync", "flags status", "flags set", "flags kill", "flags revive"]],
  ])("prints the %s commands for `strangler %s --help`", async (group, names) => {
    const result = await run([group, "--help"]);
    expect(result.code).toBe(0);
    const lines = result.out[0]!.split("\n");
    expect(lines.slice(0, -1).map((line) => /strangler (\w+ \w+)/.exec(line)?.[1])).toEqual(names);
    expect(lines.at(-1)).toBe(`       strangler ${group} <command> --help   what one command does, its options, env and exit codes`);
  });

  it("prints the usage and exits 0 from the real bin, with no env at all", async () => {
    const result = await runBin(["--help"]);
    expect(result).toEqual({ code: 0, stdout: `${USAGE}\n`, stderr: "" });
    const perCommand = await runBin(["plans", "validate", "--help"]);
    expect(perCommand.code).toBe(0);
    expect(perCommand.stdout.split("\n")[0]).toBe(USAGE_LINES["plans validate"]);
  });
});

describe("strangler arguments", () => {
  it.each([
    ["a missing argument", ["flags", "set", "product-pages"], "missing PERCENT (usage: strangler flags set FLAG PERCENT [--admin URL] [--why TEXT])"],
    ["all missing arguments", ["flags", "kill"], "missing FLAG (usage: strangler flags kill FLAG [--admin URL] [--why TEXT])"],
    ["an extra argument", ["plans", "validate", "a", "b"], "unexpected argument: b (usage: strangler plans validate [DIR] [--target NAME]… [--json])"],
    ["an argument to a command that takes none", ["plans", "status", "now"], "unexpected argument: now (usage: strangler plans status [--admin URL] [--json])"],
    ["an option without its value", ["plans", "validate", "--target"], "Option '--target <value>' argument missing"],
    ["a value for a switch", ["plans", "status", "--json=yes"], "Option '--json' does not take an argument"],
    ["an unknown option", ["plans", "validate", "--strict"], "unknown option: --strict"],
    ["an unknown short option", ["plans", "status", "-x"], "unknown option: -x"],
    ["a group without its command", ["plans"], "unknown command: plans"],
    ["an unknown command in a group", ["plans", "apply"], "unknown command: plans apply"],
    ["an unknown group", ["deploy", "now"], "unknown command: deploy now"],
  ])("rejects %s with the usage (exit 2)", async (_title, argv, message) => {
    const result = await run(argv);
    expect(result).toEqual({ code: 2, out: [], err: [`strangler: ${message}\n${USAGE}`] });
  });

  it.each([
    ["a word", "ten"],
    ["a fraction", "12.5"],
    ["more than 100", "101"],
    ["a negative number", "-5"],
  ])("rejects a PERCENT that is %s (exit 2), before calling the proxy", async (_title, percent) => {
    const result = await run(["flags", "set", "product-pages", "--", percent]);
    expect(result).toEqual({ code: 2, out: [], err: [`strangler: PERCENT must be a whole number from 0 to 100 (got ${JSON.stringify(percent)})`] });
  });
});
