// The prometheus guardrail's reader: one instant query against the Prometheus HTTP API, the first
// sample's value. No answer, an error or an empty vector is "no value" (the guardrail then holds).
export interface PrometheusSource {
  query(promql: string): Promise<number | undefined>;
}

interface PrometheusAnswer {
  status?: string;
  data?: { resultType?: string; result?: Array<{ value?: [number, string] }> | [number, string] };
}

export function createPrometheusSource(baseUrl: string, timeoutMs = 5_000): PrometheusSource {
  const root = baseUrl.replace(/\/+$/, "");
  return {
    async query(promql) {
      try {
        const response = await fetch(`${root}/api/v1/query?${new URLSearchParams({ query: promql })}`, { signal: AbortSignal.timeout(timeoutMs) });
        if (!response.ok) return undefined;
        const answer = (await response.json()) as PrometheusAnswer;
        const result = answer.data?.result;
        const sample = answer.data?.resultType === "scalar" ? (result as [number, string]) : (result as Array<{ value?: [number, string] }> | undefined)?.[0]?.value;
        const value = sample === undefined ? NaN : Number(sample[1]);
        return Number.isFinite(value) ? value : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
