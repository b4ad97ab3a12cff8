import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { CGROUP_V1_PERIOD, CGROUP_V1_QUOTA, CGROUP_V2_CPU_MAX, readCpuQuota, usableCpus } from "../src/cpu-quota.ts";
import type { ReadTextFile } from "../src/cpu-quota.ts";

/** A reader over the given cgroup files; any other path fails as a missing file does. */
function cgroupFiles(files: Record<string, string>): ReadTextFile {
  return (path) => {
    const content = files[path];
    if (content === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: "ENOENT" });
    return content;
  };
}

const v2 = (cpuMax: string) => cgroupFiles({ [CGROUP_V2_CPU_MAX]: cpuMax });
const v1 = (quota: string, period: string) => cgroupFiles({ [CGROUP_V1_QUOTA]: quota, [CGROUP_V1_PERIOD]: period });

describe("readCpuQuota", () => {
  it.each([
    ["cgroup v2, 2 CPUs", v2("200000 100000\n"), 2],
    ["cgroup v2, 1.5 CPUs (Kubernetes limit 1500m)", v2("150000 100000\n"), 1.5],
    ["cgroup v2, a quarter CPU with a 50 ms period", v2("12500 50000\n"), 0.25],
    ["cgroup v1, 3 CPUs", v1("300000\n", "100000\n"), 3],
    ["cgroup v1, half a CPU", v1("50000", "100000"), 0.5],
  ])("accepts %s", (_name, readFile, cpus) => {
    expect(readCpuQuota(readFile)).toBe(cpus);
  });

  it.each([
    ["cgroup v2 without a quota (max)", v2("max 100000\n")],
    ["cgroup v1 without a quota (-1)", v1("-1\n", "100000\n")],
    ["no cgroup files (not Linux, or not mounted)", cgroupFiles({})],
    ["a v1 quota without its period", cgroupFiles({ [CGROUP_V1_QUOTA]: "100000" })],
    ["a v2 file that is not two numbers", v2("lots 100000")],
    ["a v2 file with a zero period", v2("100000 0")],
    ["a v1 quota that is not a number", v1("1e5", "100000")],
  ])("rejects %s as no known quota", (_name, readFile) => {
    expect(readCpuQuota(readFile)).toBeUndefined();
  });

  it("prefers cgroup v2 when both are there (a hybrid hierarchy)", () => {
    const readFile = cgroupFiles({ [CGROUP_V2_CPU_MAX]: "100000 100000", [CGROUP_V1_QUOTA]: "400000", [CGROUP_V1_PERIOD]: "100000" });
    expect(readCpuQuota(readFile)).toBe(1);
  });

  it("reads this machine's cgroup files without throwing", () => {
    const quota = readCpuQuota();
    expect(quota === undefined || quota > 0).toBe(true);
  });
});

describe("usableCpus", () => {
  it.each([
    ["a 2-CPU quota on 16 cores", v2("200000 100000"), 16, 2],
    ["a 1.5-CPU quota rounded up", v2("150000 100000"), 16, 2],
    ["a quarter CPU, still one worker", v2("25000 100000"), 16, 1],
    ["a quota above the cores", v1("800000", "100000"), 4, 4],
    ["no quota: every core", v2("max 100000"), 8, 8],
    ["no cgroup at all: every core", cgroupFiles({}), 3, 3],
  ])("accepts %s", (_name, readFile, cores, workers) => {
    expect(usableCpus(readFile, cores)).toBe(workers);
  });

  it("defaults to this machine's cores capped by its own quota", () => {
    const quota = readCpuQuota();
    expect(usableCpus()).toBe(quota === undefined ? availableParallelism() : Math.min(availableParallelism(), Math.ceil(quota)));
  });
});
