// The load generator, in its own process: keep-alive HTTP/1.1 requests, microsecond latency timers
// (process.hrtime.bigint). Closed loop (`concurrency` in flight) for throughput, or open loop at a fixed
// rate for latency. Bounded by duration and by request count.
import { Agent, request } from "node:http";

export interface LoadOptions {
  url: string;
  mode: "closed" | "rate";
  concurrency: number;
  /** Requests per second in "rate" mode. */
  rate: number;
  durationMs: number;
  maxRequests: number;
}

export interface LoadResult { requests: number; errors: number; seconds: number; latenciesUs: number[] }

function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const target = new URL(options.url);
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(options.durationMs) * 1_000_000n;
  const headers = { cookie: "strangler_sid=benchbenchbenchbench01", host: target.host };

  return new Promise((resolve) => {
    let inFlight = 0;
    const finish = () => {
      agent.destroy();
      resolve({ requests: latencies.length, errors, seconds: Number(process.hrtime.bigint() - started) / 1e9, latenciesUs: latencies });
    };
    const fire = () => {
      sent += 1;
      inFlight += 1;
      const at = process.hrtime.bigint();
      const req = request({ agent, host: target.hostname, port: target.port, path: target.pathname, headers }, (res) => {
        res.on("data", () => {});
        res.on("end", () => {
          latencies.push(Number(process.hrtime.bigint() - at) / 1000);
          if (res.statusCode !== 200) errors += 1;
          done();
        });
      });
      req.on("error", () => { errors += 1; done(); });
      req.end();
    };
    const more = () => sent < options.maxRequests && process.hrtime.bigint() < deadline;
    const done = () => {
      inFlight -= 1;
      if (options.mode === "closed" && more()) fire();
      else if (inFlight === 0 && !more()) finish();
    };
    if (options.mode === "closed") {
      for (let i = 0; i < options.concurrency; i++) fire();
      return;
    }
    const intervalNs = 1e9 / options.rate;
    const tick = () => {
      const due = Math.floor(Number(process.hrtime.bigint() - started) / intervalNs) + 1;
      while (sent < due && more()) fire();
      if (more()) setTimeout(tick, 1);
      else if (inFlight === 0) finish();
    };
    tick();
  });
}

process.on("message", async (options: LoadOptions) => {
  const result = await runLoad(options);
  process.send!(result, () => process.exit(0));
});
