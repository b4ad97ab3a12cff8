// The shape of one plan file, as the author writes it (before defaults). Strict: an unknown key is an
// error, never silently ignored, because a typo like `priorty` would otherwise change routing unnoticed.
// Meaning across files (ids, targets, overlaps) is checked in validate.ts; defaults are applied in normalize.ts.
import { z } from "zod";

export const PAGE_TYPES = ["PRODUCT", "CATEGORY", "CMS_PAGE"] as const;
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
// No userId: a stock Magento sets no cookie that carries the customer id, so the proxy could never fill
// it, and "userId" stickiness would silently behave as sessionId. Signed-in shoppers keep their side
// through strangler_sid, which sign-in does not change.
export const STICKINESS = ["sessionId", "random"] as const;
// shadow: everyone gets the fallback, a sample is mirrored to the target and compared; split: the flag splits
// shoppers (the default, as before stages existed); off: the plan holds its routes and sends all to the fallback.
export const STAGES = ["shadow", "split", "off"] as const;

const stringMap = z.record(z.string().min(1), z.string());
// A GraphQL Name (operation, field, argument), as the GraphQL spec writes it.
const graphqlName = z.string().regex(/^[_A-Za-z][_0-9A-Za-z]*$/);

export const graphqlMatchSchema = z
  .strictObject({
    operationName: graphqlName.describe("The operation's name (the named one, or the only one in the document)."),
    rootFields: z.array(graphqlName).min(1).describe("The operation's root fields, exactly: all of them and no others (__typename aside)."),
    argument: graphqlName.describe("An argument every listed root field must carry, e.g. search on products."),
  })
  .partial();

export const matchEntrySchema = z
  .strictObject({
    path: z
      .string()
      .min(1)
      .describe("Path pattern: exact (/sale.html), glob (`*` = within one segment, `**` as last segment = any rest), or `regex:<JavaScript regex>`. Compared case-sensitively with the normalized path."),
    pageType: z.enum(PAGE_TYPES).describe("Magento page type, resolved through GraphQL `route` (cached)."),
    methods: z.array(z.enum(HTTP_METHODS)).min(1).describe("HTTP methods; default [GET, HEAD]."),
    query: stringMap.describe('Query parameters that must be present ("*") or equal.'),
    header: stringMap.describe('Request headers (case-insensitive names) that must be present ("*") or equal.'),
    cookie: stringMap.describe('Cookies that must be present ("*") or equal.'),
    host: z.string().min(1).describe("Host name (case-insensitive, port ignored); `*.example.com` matches sub-domains."),
    store: z.string().min(1).describe("Magento store code, e.g. default."),
    graphql: graphqlMatchSchema.describe("A GraphQL query (never a mutation) by operation name, root fields and argument; implies path /graphql and methods [GET, POST]."),
  })
  .partial();

export const GUARDRAIL_METRICS = ["error-rate", "latency-p95", "parity", "add-to-cart", "prometheus"] as const;
export const ON_BREACH = ["zero", "previous"] as const;

export const guardrailSchema = z
  .strictObject({
    metric: z.enum(GUARDRAIL_METRICS).describe("error-rate (5xx and fallbacks), latency-p95, parity (shadow comparisons), add-to-cart (failures of POST /checkout/cart/add and addProductsToCart) or prometheus."),
    maxRatio: z.number().gt(1).describe("Compared with legacy: the new side's rate (or p95) may not reach this multiple of legacy's."),
    max: z.number().min(0).describe("Absolute upper bound: a rate (0..1), or the prometheus query's value."),
    min: z.number().describe("Absolute lower bound: parity score (0..1), add-to-cart success rate (0..1), or the prometheus query's value."),
    minSamples: z.number().int().min(1).describe("Least sample before this guardrail may pass: requests per side, add-to-cart attempts per side, parity comparisons; default 200 (20 for add-to-cart)."),
    query: z.string().min(1).describe("PromQL instant query (metric prometheus only); its first sample is compared with max or min."),
  })
  .partial({ maxRatio: true, max: true, min: true, minSamples: true, query: true });

export const rolloutSchema = z
  .strictObject({
    percentage: z.number().int().min(0).max(100).describe("Whole percent 0..100 of sessions sent to the target; default 0."),
    stickiness: z.enum(STICKINESS).describe("What keeps a shopper on one side; default sessionId."),
    steps: z.array(z.number().int().min(1).max(100)).min(1).describe("Guarded ramp: percentages the rollout controller moves through, strictly increasing, e.g. [1, 5, 25, 50, 100]."),
    bakeSeconds: z.number().int().min(1).describe("How long each step runs before it may be promoted, in seconds; default 600."),
    evaluateSeconds: z.number().int().min(1).describe("How often the guardrails are judged, in seconds; default 60."),
    onBreach: z.enum(ON_BREACH).describe("Where a breached guardrail sends the plan: zero (everyone to legacy, the default) or previous (the step before)."),
    guardrails: z.array(guardrailSchema).describe("What must hold for a step to be promoted; a breach rolls back."),
  })
  .partial();

export const shadowSchema = z
  .strictObject({
    sample: z.number().min(0).max(100).describe("Percent 0..100 of matching GET/HEAD pages and GraphQL queries mirrored to the target in stage shadow (decimals allowed); default 10."),
  })
  .partial();

export const planSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
      .describe("Unique id: lower-case letters, digits and single dashes."),
    description: z.string().describe("What the plan moves, for people."),
    owner: z.string().describe("The team that owns the plan."),
    labels: z.array(z.string().min(1)).describe("Free-form labels."),
    enabled: z.boolean().describe("false parks the plan: validated, never routes. Default true."),
    target: z.string().min(1).describe("Upstream name that serves matched traffic, e.g. new-frontend."),
    match: z.array(matchEntrySchema).min(1).describe("The plan matches when ANY entry matches; inside an entry ALL fields must hold."),
    flag: z
      .string()
      .regex(/^[A-Za-z0-9._~-]+$/)
      .describe("Unleash toggle name; default strangler.<id>."),
    rollout: rolloutSchema.describe("Applies while no flag service is configured or before it first answers."),
    fallback: z.string().min(1).describe("Upstream for failed requests; default legacy."),
    priority: z.number().int().describe("Higher wins among overlapping plans; default 0."),
    stage: z.enum(STAGES).describe("shadow: every shopper gets the fallback, a sample is mirrored to the target and compared; split: the flag splits shoppers; off: all to the fallback. Default split."),
    shadow: shadowSchema.describe("Stage shadow's settings."),
  })
  .partial({ description: true, owner: true, labels: true, enabled: true, flag: true, rollout: true, fallback: true, priority: true, stage: true, shadow: true });

export type RawPlan = z.infer<typeof planSchema>;
export type RawMatchEntry = z.infer<typeof matchEntrySchema>;
export type RawGuardrail = z.infer<typeof guardrailSchema>;

/** Keys allowed at each object level, for "did you mean" suggestions. */
export const KNOWN_KEYS = {
  plan: Object.keys(planSchema.shape),
  match: Object.keys(matchEntrySchema.shape),
  rollout: Object.keys(rolloutSchema.shape),
  shadow: Object.keys(shadowSchema.shape),
  guardrail: Object.keys(guardrailSchema.shape),
  graphql: Object.keys(graphqlMatchSchema.shape),
} as const;

/** The JSON Schema editors use (`# yaml-language-server: $schema=../plan.schema.json`). */
export const planJsonSchema: Record<string, unknown> = {
  ...z.toJSONSchema(planSchema, { io: "input", target: "draft-2020-12" }),
  $id: "https://strangler.dev/migration-plans/plan.schema.json",
  title: "Strangler migration plan",
};
