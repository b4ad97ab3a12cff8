import type { Adapters } from "./adapters.ts";
import { parseAdaptersOptions } from "./config.ts";
import type { AdaptersOptions } from "./config.ts";

export function createAdapters(options: AdaptersOptions): Adapters {
  parseAdaptersOptions(options);
  throw new Error("createAdapters: wiring lands in the next commit");
}
