// Who may purge. Magento cannot add a header to the PURGE it sends its cache hosts, so an address
// allow-list (loopback by default) is what admits Magento, like the `purge` ACL of Magento's
// varnish6.vcl; the optional shared token admits any other caller from anywhere. A token that is
// sent must be right, whatever the address. Only the socket's address counts: X-Forwarded-For is
// not trusted, since whoever can reach the port could write it.
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { BlockList, isIPv4 } from "node:net";
import { PurgeRefusedError } from "../errors.ts";
import type { PurgeConfig } from "./config.ts";

export type PurgeAccessCheck = (req: IncomingMessage) => void;

const familyOf = (address: string) => (isIPv4(address) ? "ipv4" : "ipv6");
const digest = (token: string) => createHash("sha256").update(token).digest();

function compileAllowList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", prefix] = entry.split("/");
    if (prefix === undefined) list.addAddress(address, familyOf(address));
    else list.addSubnet(address, Number(prefix), familyOf(address));
  }
  return list;
}

function presentedToken(req: IncomingMessage): string | undefined {
  const header = req.headers["x-purge-token"];
  if (typeof header === "string") return header;
  const authorization = req.headers.authorization;
  return authorization?.startsWith("Bearer ") ? authorization.slice("Bearer ".length) : undefined;
}

/** Returns a check that throws PurgeRefusedError 401 (token missing or wrong) or 403 (address not allowed). */
export function createPurgeAccess(config: Pick<PurgeConfig, "allowedAddresses" | "token">): PurgeAccessCheck {
  const allowed = compileAllowList(config.allowedAddresses);
  const expected = config.token === undefined ? undefined : digest(config.token);
  return (req) => {
    const token = presentedToken(req);
    if (token !== undefined) {
      if (expected && timingSafeEqual(digest(token), expected)) return;
      throw new PurgeRefusedError(401, "the purge token is not valid");
    }
    const address = req.socket.remoteAddress;
    if (address && allowed.check(address, familyOf(address))) return;
    const who = address ?? "an unknown address";
    if (expected) throw new PurgeRefusedError(401, `${who} may purge only with X-Purge-Token or Authorization: Bearer <PURGE_TOKEN>`);
    throw new PurgeRefusedError(403, `${who} is not in PURGE_ALLOWED_ADDRESSES`);
  };
}
