// Readiness waits for legacy Magento: until it has answered once, the proxy could only send shoppers
// error pages, so a load balancer should keep it out of rotation. The probe asks legacy's health URL
// (Magento's pub/health_check.php by default) until any answer below 500 arrives, then stops: after
// that, legacy trouble is the circuit breakers' and fallback's business, not readiness's.
import type { Logger } from "pino";

export interface LegacyProbeOptions {
  /** The URL to ask, e.g. http://magento/health_check.php. */
  url: URL;
  logger: Logger;
  /** Between attempts, in ms. */
  intervalMs: number;
  /** Per attempt, in ms. */
  timeoutMs: number;
}

export interface LegacyProbe {
  /** True once legacy has answered with a status below 500. */
  answered(): boolean;
  /** Resolves with the first attempt's outcome (start-up waits for it, so an unreachable legacy is logged first). */
  readonly firstAttempt: Promise<boolean>;
  close(): void;
}

export function startLegacyProbe(options: LegacyProbeOptions): LegacyProbe {
  let answered = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;

  async function attempt(): Promise<boolean> {
    const problem = await ask(options.url, options.timeoutMs);
    if (closed) return answered;
    if (problem === undefined) {
      answered = true;
      if (failures > 0) options.logger.info({ legacy: options.url.href }, "legacy Magento answers; ready");
      return true;
    }
    if (failures++ === 0) {
      options.logger.warn({ legacy: options.url.href, problem },
        `legacy Magento at ${options.url.href} does not answer (${problem}); /readyz answers 503 until it does`);
    }
    timer = setTimeout(() => void attempt(), options.intervalMs);
    timer.unref();
    return false;
  }

  return {
    answered: () => answered,
    firstAttempt: attempt(),
    close() {
      closed = true;
      clearTimeout(timer);
    },
  };
}

/** Undefined when legacy answered below 500; otherwise what went wrong, for the log. */
async function ask(url: URL, timeoutMs: number): Promise<string | undefined> {
  try {
    const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.status < 500 ? undefined : `status ${response.status}`;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? (error instanceof Error ? error.name : String(error));
  }
}
