import { createServer } from "node:net";
import type { AddressInfo } from "node:net";

/** A loopback port nobody listens on right now: bound, then released. */
export async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A loopback URL where nothing listens. */
export async function closedPortUrl(): Promise<string> {
  return `http://127.0.0.1:${await findFreePort()}`;
}
