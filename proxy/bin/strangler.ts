#!/usr/bin/env node
// `strangler flags sync|status`: see src/cli/run-cli.ts.
import { runCli } from "../src/cli/run-cli.ts";

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
});
