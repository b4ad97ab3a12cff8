// argv → the command to run, or the help to print, or what is wrong. node:util parseArgs does the
// parsing; this file only picks the command by its words and checks the positional arguments' count.
import { parseArgs } from "node:util";
import type { CommandArgs, CommandSpec } from "./command.ts";

export type ParsedCommand =
  | { kind: "run"; spec: CommandSpec; args: CommandArgs }
  | { kind: "help"; text: string }
  | { kind: "error"; message: string };

const HELP_WORDS = new Set(["--help", "-h"]);
const HELP_OPTION = { help: { type: "boolean", short: "h" } } as const;

export function usageLine(spec: CommandSpec): string {
  return `strangler ${spec.name} ${spec.synopsis}`.trimEnd();
}

/** The usage lines of `specs`, aligned, with their summaries. */
export function formatUsage(specs: readonly CommandSpec[], footer: string): string {
  const names = Math.max(...specs.map((spec) => spec.name.length));
  const synopses = Math.max(...specs.map((spec) => spec.synopsis.length));
  const lines = specs.map((spec, i) => `${i === 0 ? "usage: " : "       "}strangler ${spec.name.padEnd(names)} ${spec.synopsis.padEnd(synopses)}  ${spec.summary}`);
  return [...lines, footer].join("\n");
}

function formatCommandHelp(spec: CommandSpec): string {
  return `usage: ${usageLine(spec)}\n\n${spec.help}`;
}

function checkPositionals(spec: CommandSpec, positionals: readonly string[]): string | undefined {
  const required = spec.positionals.filter((name) => !name.endsWith("?"));
  if (positionals.length < required.length) return `missing ${required.slice(positionals.length).join(" ")} (usage: ${usageLine(spec)})`;
  const extra = positionals[spec.positionals.length];
  return extra === undefined ? undefined : `unexpected argument: ${extra} (usage: ${usageLine(spec)})`;
}

function parseCommandArgs(spec: CommandSpec, argv: string[]): ParsedCommand {
  const options = { ...spec.options, ...HELP_OPTION };
  // A lenient pass first: --help wins over anything else, and an unknown option is named as typed.
  const { tokens } = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  const optionTokens = tokens.filter((token) => token.kind === "option");
  if (optionTokens.some((token) => token.name === "help")) return { kind: "help", text: formatCommandHelp(spec) };
  const unknown = optionTokens.find((token) => !Object.hasOwn(options, token.name));
  if (unknown) return { kind: "error", message: `unknown option: ${unknown.rawName}` };
  let parsed: CommandArgs;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    return { kind: "error", message: (error as Error).message };
  }
  const problem = checkPositionals(spec, parsed.positionals);
  return problem ? { kind: "error", message: problem } : { kind: "run", spec, args: parsed };
}

export function parseCommand(argv: readonly string[], specs: readonly CommandSpec[], usage: string): ParsedCommand {
  const [group, word, ...rest] = argv;
  if (group !== undefined && HELP_WORDS.has(group)) return { kind: "help", text: usage };
  const inGroup = specs.filter((spec) => spec.name.startsWith(`${group} `));
  if (inGroup.length > 0 && word !== undefined && HELP_WORDS.has(word)) {
    return { kind: "help", text: formatUsage(inGroup, `       strangler ${group} <command> --help   what one command does, its options, env and exit codes`) };
  }
  const spec = inGroup.find((candidate) => candidate.name === `${group} ${word}`);
  if (!spec) return { kind: "error", message: `unknown command: ${[group, word].filter((part) => part !== undefined).join(" ") || "(none)"}` };
  return parseCommandArgs(spec, rest);
}
