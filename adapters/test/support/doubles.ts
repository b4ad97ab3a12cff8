import type { AdapterLogger } from "../../src/observability.ts";

/** A logger that records warnings so tests can assert them. */
export function createRecordingLogger(): AdapterLogger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, warn: (message) => void warnings.push(message) };
}

/** A clock tests move by hand. */
export function createClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}
