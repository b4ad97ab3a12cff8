// One fault under load: the load starts, the fault is injected after `beforeMs`, healed `faultMs` later,
// and from then on a probe asks, one request at a time, whether the path the fault broke works again.
// Recovery time = from the heal to the first probe answered through that path (informative, printed).
import { runLoad, sendOne } from "./load.ts";
import type { Sender, ShopRequest, ShopResult } from "./load.ts";

const PROBE_EVERY_MS = 20;
const PROBE_LIMIT_MS = 15_000;

export interface RecoveryProbe {
  /** The n-th probe; may prepare what it needs first. */
  request(n: number): ShopRequest | Promise<ShopRequest>;
  /** True when this answer went through the recovered path. */
  recovered(result: ShopResult): boolean;
  /** Where probes go; default the load's sender. */
  send?: Sender;
}

export interface FaultScript {
  name: string;
  /** Requests per second. */
  rate: number;
  beforeMs: number;
  faultMs: number;
  afterMs: number;
  next(index: number): ShopRequest;
  send: Sender;
  inject(): Promise<void>;
  heal(): Promise<void>;
  probe: RecoveryProbe;
}

export interface FaultRun {
  name: string;
  /** The load's requests, then the probes'. */
  results: ShopResult[];
  faultStart: number;
  faultEnd: number;
  /** Undefined when no probe went through within PROBE_LIMIT_MS. */
  recoveryMs: number | undefined;
}

export async function runFault(script: FaultScript): Promise<FaultRun> {
  const started = performance.now();
  const load = runLoad({ rate: script.rate, durationMs: script.beforeMs + script.faultMs + script.afterMs, next: script.next, send: script.send });
  let faultStart: number;
  let faultEnd: number;
  let probes: ShopResult[] = [];
  try {
    await sleepUntil(started + script.beforeMs);
    faultStart = performance.now();
    await script.inject();
    await sleepUntil(faultStart + script.faultMs);
    await script.heal();
    faultEnd = performance.now();
    probes = await probeUntilRecovered(script, faultEnd);
  } finally {
    probes = [...(await load), ...probes];
  }
  const recovered = probes.find((result) => result.kind === "probe" && script.probe.recovered(result));
  return { name: script.name, results: probes, faultStart, faultEnd, recoveryMs: recovered === undefined ? undefined : recovered.doneAt - faultEnd };
}

async function probeUntilRecovered(script: FaultScript, from: number): Promise<ShopResult[]> {
  const results: ShopResult[] = [];
  for (let n = 0; n < PROBE_LIMIT_MS / PROBE_EVERY_MS && performance.now() - from < PROBE_LIMIT_MS; n++) {
    const result = await sendOne(script.probe.send ?? script.send, await script.probe.request(n));
    results.push(result);
    if (script.probe.recovered(result)) break;
    await sleepUntil(result.sentAt + PROBE_EVERY_MS);
  }
  return results;
}

function sleepUntil(at: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));
}
