import type { FlagsLogger } from "./logger.ts";

/** Runs `task` every `intervalMs` without overlapping runs and without keeping the process alive. */
export function startRefreshTimer(task: () => Promise<void>, intervalMs: number, logger: FlagsLogger): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    if (stopped) return;
    running = running.then(task).catch((error: unknown) => logger.warn({ err: error }, "flag refresh failed; keeping the last state"));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
