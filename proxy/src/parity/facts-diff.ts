// The pure second half of parity: two sides' facts → the differences, each with its field (what scores and
// metrics count, a short fixed list for pages), its path (what noise is learned on) and both values.
// GraphQL answers are compared as JSON, semantically: key order and number spelling do not count.
import type { Facts } from "./commerce-facts.ts";

export interface FactDifference {
  /** Scored field: a page fact's name ("price", "jsonLd.Product"), or "data.<root field>" / "errors" for GraphQL. */
  field: string;
  /** Where exactly, array positions included ("jsonLd.Product.offers.price", "data.products.items[2].sku"). */
  path: string;
  legacy: unknown;
  candidate: unknown;
}

/** Fields that only count when legacy shows them: a new side may add structured data legacy never had. */
const LEGACY_LED = new Set(["jsonLd.Product", "jsonLd.BreadcrumbList"]);
/** Commerce facts noise never hides: any path that names a price, a SKU or stock. */
const COMMERCE = /(?:^|\.|\[\])(?:price[^.]*|regular|final|currency|pricecurrency|sku|stock[^.]*|availability|lowprice|highprice|amount|value)$/i;

export function isCommerceFact(path: string): boolean {
  const noise = toNoiseKey(path);
  return noise.startsWith("price") || noise === "sku" || noise === "stock" || COMMERCE.test(noise);
}

/** A path with array positions dropped: "data.products.items[2].uid" → "data.products.items[].uid". */
export function toNoiseKey(path: string): string {
  return path.replace(/\[\d+\]/g, "[]");
}

export function diffFacts(legacy: Facts, candidate: Facts): FactDifference[] {
  const differences: FactDifference[] = [];
  if (legacy.kind !== candidate.kind) return [{ field: "kind", path: "kind", legacy: legacy.kind, candidate: candidate.kind }];
  if (legacy.status !== candidate.status) differences.push({ field: "status", path: "status", legacy: legacy.status, candidate: candidate.status });
  if (legacy.kind === "graphql" && candidate.kind === "graphql") {
    walk(legacy.json, candidate.json, "", (path) => graphqlField(path), differences);
    return differences;
  }
  const { status: _l, kind: _k, ...legacyRest } = legacy;
  const { status: _c, kind: _ck, ...candidateRest } = candidate;
  walk(legacyRest, candidateRest, "", pageField, differences);
  return differences.filter((difference) => !(LEGACY_LED.has(difference.field) && isAbsent(readField(legacy, difference.field))));
}

function pageField(path: string): string {
  const [first, second] = path.split(/[.[]/, 2);
  return first === "jsonLd" && second !== undefined ? `jsonLd.${second}` : first ?? path;
}

function graphqlField(path: string): string {
  const [first, second] = path.split(/[.[]/, 2);
  return first === "data" && second !== undefined ? `data.${second}` : first || "json";
}

function readField(facts: Facts, field: string): unknown {
  return field.split(".").reduce<unknown>((value, key) => (value as Record<string, unknown> | null | undefined)?.[key], facts);
}

function isAbsent(value: unknown): boolean {
  return value === null || value === undefined;
}

// Arrays of plain values (breadcrumbs, product lists, options) are one leaf: order and count are the fact.
// Arrays of objects are walked by position, so a GraphQL item's one changed field is named.
function walk(legacy: unknown, candidate: unknown, path: string, fieldOf: (path: string) => string, out: FactDifference[]): void {
  if (sameLeaf(legacy, candidate)) return;
  if (isObject(legacy) && isObject(candidate)) {
    for (const key of new Set([...Object.keys(legacy), ...Object.keys(candidate)])) {
      walk(legacy[key], candidate[key], path === "" ? key : `${path}.${key}`, fieldOf, out);
    }
    return;
  }
  if (Array.isArray(legacy) && Array.isArray(candidate) && (legacy.some(isObject) || candidate.some(isObject))) {
    const length = Math.max(legacy.length, candidate.length);
    for (let i = 0; i < length; i++) walk(legacy[i], candidate[i], `${path}[${i}]`, fieldOf, out);
    return;
  }
  if (!deepEqual(legacy, candidate)) out.push({ field: fieldOf(path), path, legacy: legacy ?? null, candidate: candidate ?? null });
}

function sameLeaf(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return isAbsent(a) && isAbsent(b);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (sameLeaf(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => deepEqual(a[key], b[key]));
  }
  return false;
}
