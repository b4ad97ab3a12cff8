// Each plan's ramp state in Redis, one hash per plan (version + JSON), shared by every proxy. Writes
// compare the version they read (so two writers never both move a step), and the leader's writes also
// carry its lease holder, checked in the same Lua script (the fencing token): a stale leader writes nothing.
import type { RedisClient } from "../redis/redis-client.ts";
import { RampConflictError, RolloutError } from "./errors.ts";
import { LeaseLostError } from "./lease.ts";
import { initialState } from "./step-machine.ts";
import type { RampState } from "./types.ts";

const WRITE = `
if ARGV[3] ~= '' and redis.call('GET', KEYS[2]) ~= ARGV[3] then return 'lease-lost' end
local version = redis.call('HGET', KEYS[1], 'version') or '0'
if version ~= ARGV[1] then return 'conflict' end
redis.call('HSET', KEYS[1], 'version', tostring(tonumber(version) + 1), 'json', ARGV[2])
return 'ok'`;

export interface RampStore {
  read(plan: string): Promise<RampState>;
  /**
   * Writes `next` if the stored version is still `next.version`; answers the state as stored (version + 1).
   * With `fence.holder` (the leader's "owner|token"), only while the lease key still holds it.
   */
  write(next: RampState, fence?: { holder: string | undefined }): Promise<RampState>;
}

/** `leaseKey`: the lease's key, which fenced writes compare. */
export function createRampStore(redis: RedisClient, keyPrefix: string, leaseKey: string): RampStore {
  const keyOf = (plan: string) => `${keyPrefix}ramp:${plan}`;
  return {
    async read(plan) {
      const [version, json] = await redis.hmget(keyOf(plan), "version", "json");
      if (json == null || version == null) return initialState(plan);
      return { ...(JSON.parse(json) as RampState), version: Number(version) };
    },
    async write(next, fence) {
      const holder = fence?.holder;
      if (fence && holder === undefined) throw new LeaseLostError(undefined);
      const { version, ...body } = next;
      const result = String(await redis.eval(WRITE, 2, keyOf(next.plan), leaseKey, String(version), JSON.stringify(body), holder ?? ""));
      if (result === "lease-lost") throw new LeaseLostError(await redis.get(leaseKey) ?? undefined);
      if (result === "conflict") throw new RampConflictError(next.plan, version);
      if (result !== "ok") throw new RolloutError("RAMP_WRITE", `unexpected answer from Redis: ${result}`);
      return { ...next, version: version + 1 };
    },
  };
}
