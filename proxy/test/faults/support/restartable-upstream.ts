// A counting test upstream (test/support/upstream.ts) that can be killed, every open connection cut and
// the port closed so connects are refused, and brought back on the same port, as a restarted process is.
import type { AddressInfo } from "node:net";
import { startUpstream } from "../../support/upstream.ts";
import type { TestUpstream, UpstreamHandler } from "../../support/upstream.ts";

export interface RestartableUpstream extends TestUpstream {
  port: number;
  kill(): Promise<void>;
  /** Listens again on the same port. */
  revive(): Promise<void>;
}

export async function startRestartableUpstream(name: string, handler: UpstreamHandler): Promise<RestartableUpstream> {
  const upstream = await startUpstream(name, handler);
  const { port } = upstream.server.address() as AddressInfo;
  return Object.assign(upstream, {
    port,
    kill: () => upstream.close(),
    revive: () => new Promise<void>((resolve, reject) => {
      upstream.server.once("error", reject);
      upstream.server.listen(port, "127.0.0.1", () => {
        upstream.server.off("error", reject);
        resolve();
      });
    }),
  });
}
