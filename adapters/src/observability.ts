// Tiny seams for logs and counters so the host app can plug in its own (pino, prom-client…).
export interface AdapterLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
  error?(message: string, fields?: Record<string, unknown>): void;
}

export interface AdapterMetrics {
  increment(name: string, labels?: Record<string, string>): void;
}

export const consoleLogger: AdapterLogger = {
  warn: (message, fields) => console.warn(`[adapters] ${message}`, fields ?? ""),
};

/** Counts in a plain map; `snapshot()` lets tests and /metrics read them. */
export function createCounterMetrics(): AdapterMetrics & { snapshot(): Record<string, number> } {
  const counts = new Map<string, number>();
  return {
    increment(name, labels) {
      const key = labels ? `${name}{${Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(",")}}` : name;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
    snapshot: () => Object.fromEntries(counts),
  };
}
