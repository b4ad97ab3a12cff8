// Builds the Next app once for the whole test run, only when there is no build or a source changed.
import { ensureBuild } from "../../tools/ensure-build.ts";

export default function setup(): void {
  ensureBuild((line) => process.stdout.write(`${line}\n`));
}
