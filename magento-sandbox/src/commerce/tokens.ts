import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Token issuing in the shape of Magento 2.4's JWT tokens (HS256, `uid` + `utypid`: 3 customer,
 * 2 admin). Tokens are checked by signature and expiry; revocation keeps a per-user "not before"
 * time, as Magento's revoked-token table does.
 */
export const userTypes = { admin: 2, customer: 3 } as const;

export interface TokenClaims {
  uid: number;
  utypid: number;
  iat: number;
  exp: number;
}

export interface TokenService {
  issue(userType: number, userId: number, lifetimeSeconds: number): { token: string; expiresAt: number };
  verify(token: string, userType: number): TokenClaims | undefined;
  revokeAll(userType: number, userId: number): void;
}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");

export function createTokenService(secret: string, now: () => number): TokenService {
  const revokedBefore = new Map<string, number>();
  let sequence = 0;
  const sign = (data: string): string => createHmac("sha256", secret).update(data).digest("base64url");

  return {
    issue(userType, userId, lifetimeSeconds) {
      // Milliseconds in `iat` keep two tokens issued in the same second distinct and revocable.
      const iat = now() + sequence++ / 1000;
      const exp = Math.floor(now() / 1000) + lifetimeSeconds;
      const body = `${encode({ kid: "1", alg: "HS256" })}.${encode({ uid: userId, utypid: userType, iat, exp })}`;
      return { token: `${body}.${sign(body)}`, expiresAt: exp * 1000 };
    },
    verify(token, userType) {
      const [header, payload, signature] = token.split(".");
      if (!header || !payload || !signature) return undefined;
      const expected = Buffer.from(sign(`${header}.${payload}`));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as TokenClaims;
      if (claims.utypid !== userType || claims.exp * 1000 <= now()) return undefined;
      const notBefore = revokedBefore.get(`${userType}:${claims.uid}`);
      if (notBefore !== undefined && claims.iat <= notBefore) return undefined;
      return claims;
    },
    revokeAll(userType, userId) {
      revokedBefore.set(`${userType}:${userId}`, now() + sequence++ / 1000);
    },
  };
}
