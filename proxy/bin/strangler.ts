#!/usr/bin/env node
// The `strangler` command (`strangler --help` lists its commands): see src/cli/run-cli.ts.
import { runCli } from "../src/cli/run-cli.ts";

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
});
