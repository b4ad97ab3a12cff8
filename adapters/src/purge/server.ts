// A plain node HTTP server around the purge handler; port 0 picks a free port.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { PurgeHandler } from "./handler.ts";

export interface PurgeServer {
  url: string;
  /** Stops listening and cancels the handler's background retries. */
  close(): Promise<void>;
}

/** Default host 127.0.0.1. */
export async function startPurgeServer(options: { port: number; host?: string; handler: PurgeHandler }): Promise<PurgeServer> {
  const server = http.createServer(options.handler);
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    close: () => {
      options.handler.close();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
