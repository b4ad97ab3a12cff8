// The `strangler` command line. Returns the exit code instead of exiting, so tests run it in-process.
import { EXIT, type CliIo, type CommandSpec } from "./command.ts";
import { flagsKillCommand, flagsReviveCommand, flagsSetCommand } from "./flag-commands.ts";
import { formatUsage, parseCommand } from "./parse-command.ts";
import { plansParityCommand } from "./plans-parity.ts";
import { plansStatusCommand } from "./plans-status.ts";
import { plansValidateCommand } from "./plans-validate.ts";
import { flagsStatusCommand, flagsSyncCommand } from "./unleash-commands.ts";
import { rolloutChangeCommands, rolloutStatusCommand } from "./rollout-commands.ts";
import { rolloutSimulateCommand } from "./rollout-simulate.ts";
import { rolloutRunCommand } from "./rollout-run.ts";

export type { CliIo } from "./command.ts";

export const COMMANDS: readonly CommandSpec[] = [
  flagsSyncCommand,
  flagsStatusCommand,
  flagsSetCommand,
  flagsKillCommand,
  flagsReviveCommand,
  plansValidateCommand,
  plansStatusCommand,
  plansParityCommand,
  rolloutStatusCommand,
  ...rolloutChangeCommands,
  rolloutRunCommand,
  rolloutSimulateCommand,
];

export const USAGE = formatUsage(COMMANDS, `       strangler <command> --help   what one command does, its options, env and exit codes
exit:  0 ok, 1 a check or a call failed, 2 bad arguments or environment`);

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommand(argv, COMMANDS, USAGE);
  if (parsed.kind === "help") {
    io.stdout(parsed.text);
    return EXIT.ok;
  }
  if (parsed.kind === "error") {
    io.stderr(`strangler: ${parsed.message}\n${USAGE}`);
    return EXIT.usage;
  }
  return parsed.spec.run(parsed.args, io);
}
