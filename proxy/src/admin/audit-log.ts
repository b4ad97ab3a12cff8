// Who changed which flag, when, from what to what, and why: append-only lines kept in a bounded ring in
// memory, in a capped Redis list when REDIS_URL is set (so every instance and worker shows the same
// history), and written to the logger, so a line survives both a restart and a Redis outage.
import type { Redis } from "ioredis";
import type { Logger } from "pino";

export interface AuditEntry {
  /** ISO 8601 time of the change. */
  at: string;
  /** Who: "dashboard:<name>", "cli:<user>", "api", "rollout"… */
  actor: string;
  /** What: "set", "kill", "revive", or a rollout controller's own action names. */
  action: string;
  plan: string | undefined;
  flag: string | undefined;
  /** The share (0..100) the plan's target had before and after; null when it cannot be told (Unleash with several strategies). */
  from: number | null;
  to: number | null;
  why: string | undefined;
  /** What was sent, such as the flag patch, or a rollout step's figures. */
  values?: Record<string, unknown>;
}

export type AuditInput = Omit<AuditEntry, "at">;

export interface AuditLog {
  /** Never throws: a Redis failure is logged, and the line stays in memory and in the log. */
  write(entry: AuditInput): Promise<AuditEntry>;
  /** Newest first; from Redis when set (falling back to this process's ring when Redis fails). */
  list(options?: { limit?: number; plan?: string }): Promise<AuditEntry[]>;
}

export interface AuditLogOptions {
  logger: Logger;
  /** Optional. Lines kept in memory and in Redis, default 1000. */
  capacity?: number;
  redis?: Redis | undefined;
  /** Optional. The Redis list is `${keyPrefix}audit`; default "strangler:stats:". */
  keyPrefix?: string;
  now?: () => number;
}

export function createAuditLog(options: AuditLogOptions): AuditLog {
  const { logger, redis } = options;
  const capacity = options.capacity ?? 1_000;
  const key = `${options.keyPrefix ?? "strangler:stats:"}audit`;
  const now = options.now ?? Date.now;
  const ring: AuditEntry[] = [];

  async function readRedis(): Promise<AuditEntry[] | undefined> {
    if (!redis) return undefined;
    try {
      const lines = await redis.lrange(key, 0, capacity - 1);
      return lines.flatMap((line) => {
        try { return [JSON.parse(line) as AuditEntry]; } catch { return []; }
      });
    } catch (error) {
      logger.warn({ err: error }, "audit log: Redis unreadable; listing this process's lines only");
      return undefined;
    }
  }

  return {
    async write(input) {
      const entry: AuditEntry = { at: new Date(now()).toISOString(), ...input };
      ring.unshift(entry);
      if (ring.length > capacity) ring.length = capacity;
      logger.info({ audit: entry }, "audit");
      if (redis) {
        try {
          await redis.multi().lpush(key, JSON.stringify(entry)).ltrim(key, 0, capacity - 1).exec();
        } catch (error) {
          logger.warn({ err: error, audit: entry }, "audit log: Redis unwritable; the line is in memory and in this log only");
        }
      }
      return entry;
    },
    async list({ limit = 100, plan } = {}) {
      const entries = (await readRedis()) ?? ring;
      return entries.filter((entry) => plan === undefined || entry.plan === plan).slice(0, Math.max(1, limit));
    },
  };
}
