// The merchant's search settings (search.config.json), checked once by a schema: what Magento's
// admin offers for catalog search (attribute search weights, synonyms, minimum query length, sort
// options, visibility) plus the typo tolerance Magento lacks. Every problem is reported at once.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { SearchConfigError } from "../errors.ts";

export const SORT_FIELDS = ["relevance", "position", "name", "price"] as const;
export type SortField = (typeof SORT_FIELDS)[number];
/** Magento's product visibility, as the index learns it from Magento's answers. */
export const VISIBILITIES = ["catalog", "search", "both"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

const weight = z.number().positive().max(100);
const word = z.string().trim().toLowerCase().regex(/^[\p{L}\p{N}' -]+$/u, "holds letters, digits, spaces, ' and - only");

const schema = z.object({
  minQueryLength: z.number().int().min(1).max(128).default(3),
  maxQueryLength: z.number().int().min(1).max(1024).default(128),
  weights: z.object({
    sku: weight.default(10),
    name: weight.default(6),
    categories: weight.default(3),
    attributes: weight.default(2),
    shortDescription: weight.default(1),
    description: weight.default(1),
  }).prefault({}),
  searchableAttributes: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/, "is not an attribute code")).default([]),
  synonyms: z.array(z.array(word).min(2, "a synonym group needs at least two entries")).default([]),
  stopWords: z.array(word).default([]),
  typoTolerance: z.object({
    enabled: z.boolean().default(true),
    minWordLength: z.number().int().min(1).max(20).default(4),
  }).prefault({}),
  sort: z.object({
    search: z.enum(SORT_FIELDS).default("relevance"),
    filter: z.enum(SORT_FIELDS).default("position"),
    options: z.array(z.object({ value: z.enum(SORT_FIELDS), label: z.string().min(1) })).min(1).default([
      { value: "relevance", label: "Relevance" }, { value: "position", label: "Position" },
      { value: "name", label: "Product Name" }, { value: "price", label: "Price" },
    ]),
  }).prefault({}),
  visibility: z.object({
    search: z.array(z.enum(VISIBILITIES)).min(1).default(["search", "both"]),
    filter: z.array(z.enum(VISIBILITIES)).min(1).default(["catalog", "both"]),
  }).prefault({}),
  defaultPageSize: z.number().int().min(1).max(300).default(20),
}).superRefine((config, ctx) => {
  const seen = new Map<string, number>();
  config.synonyms.forEach((group, index) => {
    for (const entry of group) {
      const other = seen.get(entry);
      if (other !== undefined && other !== index) ctx.addIssue({ code: "custom", path: ["synonyms", index], message: `"${entry}" is already in synonym group ${other}` });
      seen.set(entry, index);
    }
  });
  if (config.minQueryLength > config.maxQueryLength) ctx.addIssue({ code: "custom", path: ["minQueryLength"], message: "is larger than maxQueryLength" });
});

export type RelevanceConfig = z.output<typeof schema>;
export type RelevanceOptions = z.input<typeof schema>;

/** Throws SearchConfigError naming every problem, e.g. `weights.name: Too small: expected number to be >0`. */
export function parseRelevanceConfig(input: unknown, source = "search config"): RelevanceConfig {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
  throw new SearchConfigError(`Invalid ${source}: ${problems.join("; ")}`, { cause: parsed.error });
}

export function loadRelevanceConfig(file: string): RelevanceConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new SearchConfigError(`Cannot read the search config ${file}: ${(error as Error).message}`, { cause: error });
  }
  return parseRelevanceConfig(raw, file);
}

/** The repository's search.config.json. */
export const DEFAULT_RELEVANCE_FILE = fileURLToPath(new URL("../../search.config.json", import.meta.url));
