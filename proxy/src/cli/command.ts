// What every `strangler` command is: a name, its arguments for node:util parseArgs, its help, its run.
import type { ParseArgsOptionsConfig } from "node:util";

export interface CliIo {
  env: Record<string, string | undefined>;
  stdout(line: string): void;
  stderr(line: string): void;
}

export interface CommandArgs {
  values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  positionals: string[];
}

export interface CommandSpec {
  /** The words that name it, e.g. "plans validate". */
  name: string;
  /** What follows the name in the usage line, e.g. "[DIR] [--target NAME]… [--json]". */
  synopsis: string;
  /** One line for the overview. */
  summary: string;
  /** Positional arguments in order; a trailing "?" marks an optional one. */
  positionals: readonly string[];
  options: ParseArgsOptionsConfig;
  /** What `strangler <command> --help` prints after the usage line: description, options, env, exit codes. */
  help: string;
  run(args: CommandArgs, io: CliIo): Promise<number>;
}

/** Exit codes every command shares. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export function stringValue(args: CommandArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === "string" ? value : undefined;
}

export function stringValues(args: CommandArgs, name: string): string[] {
  const value = args.values[name];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

export function flagValue(args: CommandArgs, name: string): boolean {
  return args.values[name] === true;
}
