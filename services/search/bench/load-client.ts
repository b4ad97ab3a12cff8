// The load generator, in its own process so it does not share an event loop with the server under
// test: `concurrency` requests in flight (closed loop, keep-alive), POST bodies taken in turn, for
// `durationMs` after a warm-up. Prints one JSON line: { requests, errors, seconds, latenciesMs }.
import { Agent, request } from "node:http";

interface LoadArgs { url: string; concurrency: number; durationMs: number; warmupMs: number; bodies: string[] }

function runLoad(args: LoadArgs): Promise<{ requests: number; errors: number; seconds: number; latenciesMs: number[] }> {
  const agent = new Agent({ keepAlive: true, maxSockets: args.concurrency });
  const target = new URL(args.url);
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const started = process.hrtime.bigint();
  const measureFrom = started + BigInt(args.warmupMs) * 1_000_000n;
  const deadline = measureFrom + BigInt(args.durationMs) * 1_000_000n;
  return new Promise((resolve) => {
    let inFlight = 0;
    const fire = () => {
      const body = args.bodies[sent++ % args.bodies.length]!;
      inFlight += 1;
      const at = process.hrtime.bigint();
      const done = (ok: boolean) => {
        inFlight -= 1;
        if (at >= measureFrom) {
          latencies.push(Number(process.hrtime.bigint() - at) / 1e6);
          if (!ok) errors += 1;
        }
        if (process.hrtime.bigint() < deadline) fire();
        else if (inFlight === 0) {
          agent.destroy();
          resolve({ requests: latencies.length, errors, seconds: Number(process.hrtime.bigint() - measureFrom) / 1e9, latenciesMs: latencies });
        }
      };
      const req = request({ agent, method: "POST", host: target.hostname, port: target.port, path: target.pathname, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
        res.on("data", () => {});
        res.on("end", () => done(res.statusCode === 200));
      });
      req.on("error", () => done(false));
      req.end(body);
    };
    for (let i = 0; i < args.concurrency; i++) fire();
  });
}

const args = JSON.parse(process.argv[2] ?? "{}") as LoadArgs;
const result = await runLoad(args);
process.stdout.write(`${JSON.stringify(result)}\n`);
