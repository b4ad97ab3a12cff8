// Open-loop load at a fixed rate, corrected for coordinated omission: request i is due at t0 + i/rate and its
// latency is counted from that due time, not from when it was sent, so a stall in the target shows in every
// request it delays (as wrk2 does; wrk2 is not in Debian and wrk's Lua delay() is still closed-loop).
// Runs in its own process on the load core; an undici Pool keeps enough connections open that a slow answer
// never holds back the next due request. Reports latencies (µs) over IPC.
import { Pool } from "undici";

export interface OpenLoopOptions { url: string; rate: number; seconds: number; cookie: string; body?: string | undefined }
/**
 * `latenciesUs` from each request's due time (coordinated omission corrected: tails); `serviceUs` from when it
 * was actually sent, free of the 1 ms send timer's own lateness, which is what a p50 of a few hundred µs needs.
 */
export interface OpenLoopResult { latenciesUs: number[]; serviceUs: number[]; errors: number; sent: number }

process.once("message", (options: OpenLoopOptions) => {
  const target = new URL(options.url);
  const pool = new Pool(target.origin, { connections: 64, pipelining: 1 });
  const total = Math.round(options.rate * options.seconds);
  const intervalMs = 1000 / options.rate;
  const latencies = new Float64Array(total);
  const service = new Float64Array(total);
  const path = target.pathname + target.search;
  const headers = options.body === undefined ? { cookie: options.cookie } : { cookie: options.cookie, "content-type": "application/json" };
  const method = options.body === undefined ? "GET" : "POST";
  const body = options.body;
  let next = 0;
  let done = 0;
  let errors = 0;
  const t0 = performance.now() + 20;

  const finish = () => {
    const latenciesUs = Array.from(latencies, (ms) => Math.round(ms * 1000));
    const serviceUs = Array.from(service, (ms) => Math.round(ms * 1000));
    process.send!({ latenciesUs, serviceUs, errors, sent: next } satisfies OpenLoopResult, () => process.exit(0));
  };
  const send = (i: number, due: number) => {
    const sentAt = performance.now();
    pool.request({ path, method, headers, body }).then(
      async ({ statusCode, body }) => {
        await body.dump();
        if (statusCode >= 400) errors += 1;
        const end = performance.now();
        latencies[i] = end - due;
        service[i] = end - sentAt;
      },
      () => { errors += 1; latencies[i] = performance.now() - due; service[i] = performance.now() - sentAt; },
    ).finally(() => { if (++done === total) finish(); });
  };
  // A 1 ms timer sends whatever is due; its own lateness is charged to the target like any stall, and
  // equally to every row, so differences between rows are the proxies'.
  const tick = () => {
    const now = performance.now();
    while (next < total && t0 + next * intervalMs <= now) { send(next, t0 + next * intervalMs); next += 1; }
    if (next < total) setTimeout(tick, Math.max(0, t0 + next * intervalMs - performance.now()));
  };
  setTimeout(tick, 20);
});
process.on("disconnect", () => process.exit(0));
