// The engineer's proof: X-Strangler-Debug carries the admin token. Compared in constant time on
// SHA-256 digests so neither the content nor the length of the token leaks through timing.
import { createHash, timingSafeEqual } from "node:crypto";

export type TokenCheck = (presented: string | undefined) => boolean;

export function createTokenCheck(token: string): TokenCheck {
  const expected = createHash("sha256").update(token).digest();
  return (presented) => {
    if (presented === undefined || presented.length === 0) return false;
    return timingSafeEqual(createHash("sha256").update(presented).digest(), expected);
  };
}

/** Reads `Authorization: Bearer <token>`. */
export function readBearer(header: string | undefined): string | undefined {
  if (header === undefined || !/^bearer /i.test(header)) return undefined;
  return header.slice(7).trim();
}
