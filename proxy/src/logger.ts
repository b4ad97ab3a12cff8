// The process logger: pino to stdout in 4 KB batches written synchronously (README, performance notes),
// flushed every second so a quiet shop's lines still appear promptly. `flush()` before exit. The destination is returned too: the access log writes its
// pino-shaped line to it directly (same stream, so lines stay in order), skipping pino's serializer.
import { hostname } from "node:os";
import { pino } from "pino";
import type { Logger } from "pino";

/** Where finished log lines go: SonicBoom's `write(string)`. */
export interface LogDestination {
  write(line: string): unknown;
}

export interface ProcessLogger {
  logger: Logger;
  destination: LogDestination;
}

export function createProcessLogger(level: string, dest: number | string = 1): ProcessLogger {
  const destination = pino.destination({ dest, sync: true, minLength: 4_096 });
  const logger = pino({ level }, destination);
  setInterval(() => logger.flush(), 1_000).unref();
  return { logger, destination };
}

/** The `"pid":…,"hostname":…` part pino's default base puts after level and time. */
export function formatLogBase(): string {
  return `"pid":${process.pid},"hostname":${JSON.stringify(hostname())}`;
}
