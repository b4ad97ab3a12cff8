// The parts of the admin API's answers the CLI reads (GET /plans, GET /flags, a flag after a change),
// checked at the boundary so a wrong --admin URL is reported as such, not as a crash.
import { z } from "zod";

const pairs = z.record(z.string(), z.string());

export const matchEntrySchema = z.object({
  path: z.object({ raw: z.string() }).optional(),
  pageType: z.string().optional(),
  methods: z.array(z.string()),
  query: pairs.optional(),
  header: pairs.optional(),
  cookie: pairs.optional(),
  host: z.string().optional(),
  store: z.string().optional(),
  graphql: z.object({ operationName: z.string().optional(), rootFields: z.array(z.string()).optional(), argument: z.string().optional() }).optional(),
});

export type AdminMatchEntry = z.output<typeof matchEntrySchema>;

export const problemSchema = z.object({
  file: z.string(),
  line: z.number(),
  column: z.number().optional(),
  planId: z.string().optional(),
  code: z.string(),
  message: z.string(),
  fix: z.string(),
});

const adminPlanSchema = z.object({
  id: z.string(),
  enabled: z.boolean(),
  target: z.string(),
  match: z.array(matchEntrySchema),
  flag: z.string(),
  rollout: z.object({ percentage: z.number(), stickiness: z.string() }),
  /** A proxy older than stages sends none: its plans split. */
  stage: z.enum(["shadow", "split", "off"]).default("split"),
  shadowSample: z.number().optional(),
});

export const plansAnswerSchema = z.object({
  dir: z.string().optional(),
  plans: z.array(adminPlanSchema),
  /** Parked plans; a proxy older than this field sends none. */
  disabled: z.array(adminPlanSchema).default([]),
  loadedAt: z.string().optional(),
  problems: z.array(problemSchema),
  refusedAt: z.string().optional(),
});

export type AdminPlans = z.output<typeof plansAnswerSchema>;

export const shareSchema = z.object({ percentage: z.number().nullable(), decidedBy: z.string() });

export type AdminShare = z.output<typeof shareSchema>;

export const flagViewSchema = z.object({
  name: z.string(),
  mode: z.string(),
  killed: z.boolean(),
  plans: z.array(z.object({ id: z.string(), share: shareSchema.optional() })),
});

export type AdminFlag = z.output<typeof flagViewSchema>;

export const flagsAnswerSchema = z.object({ mode: z.string(), flags: z.array(flagViewSchema) });

const pageTypeScoreSchema = z.object({
  pageType: z.string(), compared: z.number(), matched: z.number(), score: z.number(),
  mismatchesByField: z.record(z.string(), z.number()), noise: z.array(z.string()),
});

export const parityAnswerSchema = z.object({
  plans: z.array(z.object({ plan: z.string(), compared: z.number(), matched: z.number(), score: z.number(), pageTypes: z.array(pageTypeScoreSchema) })),
});

export type AdminParity = z.output<typeof parityAnswerSchema>;

export const paritySamplesSchema = z.object({
  plan: z.string(),
  samples: z.array(z.object({
    at: z.string(), pageType: z.string(), url: z.string(), fields: z.array(z.string()),
    differences: z.array(z.object({ field: z.string(), path: z.string(), legacy: z.unknown(), candidate: z.unknown() })),
  })),
});
