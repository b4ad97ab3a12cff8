// Client API payloads as Unleash serves them on /api/client/features.
export interface ToggleOptions {
  enabled?: boolean;
  rollout?: number;
  stickiness?: string;
  constraints?: Array<{ contextName: string; operator: string; values: string[] }>;
  variants?: Array<{ name: string; weight: number; payload?: { type: string; value: string } }>;
}

export function toggle(name: string, options: ToggleOptions = {}) {
  return {
    name,
    enabled: options.enabled ?? true,
    type: "release",
    project: "default",
    stale: false,
    impressionData: false,
    variants: [],
    strategies: [
      {
        name: "flexibleRollout",
        constraints: options.constraints ?? [],
        parameters: { rollout: String(options.rollout ?? 100), stickiness: options.stickiness ?? "sessionId", groupId: name },
        variants: (options.variants ?? []).map((variant) => ({ stickiness: "sessionId", weightType: "variable", ...variant })),
      },
    ],
  };
}

export function featuresPayload(...toggles: Array<ReturnType<typeof toggle>>) {
  return { version: 2, features: toggles, query: { environment: "development" } };
}
