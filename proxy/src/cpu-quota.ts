// How many CPUs this process may really use. In a container (Docker --cpus, a Kubernetes CPU limit) the
// kernel enforces a CFS quota while os.availableParallelism() still reports the host's cores: one
// worker per host core would mean 16 workers sharing 2 CPUs' worth of time slices, each throttled.
// cgroup v2 writes the quota as `cpu.max` ("<quota> <period>" or "max <period>"); cgroup v1 as
// cpu.cfs_quota_us (-1 = none) and cpu.cfs_period_us, in microseconds.
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";

export type ReadTextFile = (path: string, encoding: "utf8") => string;

export const CGROUP_V2_CPU_MAX = "/sys/fs/cgroup/cpu.max";
export const CGROUP_V1_QUOTA = "/sys/fs/cgroup/cpu/cpu.cfs_quota_us";
export const CGROUP_V1_PERIOD = "/sys/fs/cgroup/cpu/cpu.cfs_period_us";

const NUMBER = /^-?\d+$/;

function readOrUndefined(readFile: ReadTextFile, path: string): string | undefined {
  try {
    return readFile(path, "utf8").trim();
  } catch {
    return undefined; // not this cgroup version, or not Linux
  }
}

/** CPUs granted by quota and period (both in µs); undefined for "no quota" or anything unreadable. */
function toCpus(quota: string | undefined, period: string | undefined): number | undefined {
  if (quota === undefined || period === undefined || !NUMBER.test(quota) || !NUMBER.test(period)) return undefined;
  const [q, p] = [Number(quota), Number(period)];
  return q > 0 && p > 0 ? q / p : undefined;
}

/**
 * The CPU quota in CPUs (fractional, e.g. 1.5), or undefined when there is none or it cannot be read
 * (the caller then falls back to the cores it sees). cgroup v2 first, then v1.
 */
export function readCpuQuota(readFile: ReadTextFile = readFileSync): number | undefined {
  const v2 = readOrUndefined(readFile, CGROUP_V2_CPU_MAX);
  if (v2 !== undefined) {
    const [quota, period] = v2.split(/\s+/);
    return quota === "max" ? undefined : toCpus(quota, period);
  }
  return toCpus(readOrUndefined(readFile, CGROUP_V1_QUOTA), readOrUndefined(readFile, CGROUP_V1_PERIOD));
}

/** WORKERS=auto: one per usable CPU — the cores, capped by the quota rounded up (1.5 CPUs → 2), at least 1. */
export function usableCpus(readFile: ReadTextFile = readFileSync, cores: number = availableParallelism()): number {
  const quota = readCpuQuota(readFile);
  return Math.max(1, quota === undefined ? cores : Math.min(cores, Math.ceil(quota)));
}
