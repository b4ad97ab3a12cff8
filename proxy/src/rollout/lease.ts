// Leadership among the proxies: one Redis key held with SET NX PX, and a fencing token from INCR handed
// out with it. Every write the leader makes (ramp state, flags) first has a Lua script compare the token
// it holds with the lease's current one, so a leader that stalled past its lease (GC pause, partition)
// and lost it to another cannot write what it decided before it noticed.
import type { RedisClient } from "../redis/redis-client.ts";
import { RolloutError } from "./errors.ts";

const ACQUIRE = `
if redis.call('SET', KEYS[1], 'pending', 'NX', 'PX', ARGV[2]) then
  local token = redis.call('INCR', KEYS[2])
  redis.call('SET', KEYS[1], ARGV[1] .. '|' .. token, 'PX', ARGV[2])
  return token
end
return nil`;
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;
const CHECK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return 1 end return 0`;

export interface Lease {
  /** The fencing token while this instance leads; undefined otherwise. */
  readonly token: number | undefined;
  /** "owner|token", what the lease key holds while this instance leads. */
  readonly holder: string | undefined;
  readonly key: string;
  /** Takes the lease if free, renews it if held; answers whether this instance leads now. */
  refresh(): Promise<boolean>;
  /** Throws LeaseLostError unless the lease is still held with this token (one round trip). */
  check(): Promise<void>;
  release(): Promise<void>;
}

export class LeaseLostError extends RolloutError {
  constructor(holder: string | undefined) {
    super("LEASE_LOST", `not the rollout leader any more (held ${holder ?? "nothing"}); the write was refused`);
  }
}

export interface LeaseOptions {
  redis: RedisClient;
  /** Required. e.g. "{strangler:rollout}:lease" (the fence key `<key>:fence` must hash to the same slot). */
  key: string;
  /** Required. Names this instance in the lease and the audit log, e.g. "host:pid". */
  owner: string;
  /** How long a lease lives without renewal, in ms. */
  ttlMs: number;
}

export function createLease(options: LeaseOptions): Lease {
  const { redis, key, ttlMs, owner } = options;
  const fenceKey = `${key}:fence`;
  let holder: string | undefined;
  let token: number | undefined;

  const lose = () => { holder = undefined; token = undefined; };

  return {
    get token() { return token; },
    get holder() { return holder; },
    key,
    async refresh() {
      if (holder !== undefined) {
        const renewed = Number(await redis.eval(RENEW, 1, key, holder, ttlMs));
        if (renewed === 1) return true;
        lose();
      }
      const granted = await redis.eval(ACQUIRE, 2, key, fenceKey, owner, ttlMs);
      if (granted === null) return false;
      token = Number(granted);
      holder = `${owner}|${token}`;
      return true;
    },
    async check() {
      const current = holder;
      const ok = current !== undefined && Number(await redis.eval(CHECK, 1, key, current)) === 1;
      if (!ok) {
        const seen = await redis.get(key);
        lose();
        throw new LeaseLostError(seen ?? undefined);
      }
    },
    async release() {
      if (holder !== undefined) await redis.eval(RELEASE, 1, key, holder);
      lose();
    },
  };
}
