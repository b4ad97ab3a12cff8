// `strangler plans parity --crawl`: the whole catalog compared, without a proxy. Every product and category
// URL comes from legacy's GraphQL (products by pages of 100, the category tree); each is fetched from legacy
// and the new side (bounded concurrency, no cookies) and compared on the same commerce facts as stage shadow.
// Legacy is asked twice for the first pages of each type, so noise is learned before it could count.
import { request } from "undici";
import { extractPageFacts } from "../parity/commerce-facts.ts";
import type { PageFacts } from "../parity/commerce-facts.ts";
import type { FactDifference } from "../parity/facts-diff.ts";
import { createParityBoard } from "../parity/parity-board.ts";
import { EXIT, stringValue, type CliIo, type CommandArgs } from "./command.ts";
import { formatParity } from "./plans-parity.ts";

const NOISE_PAGES_PER_TYPE = 5;
const EXAMPLES_PER_FIELD = 3;

interface CrawlTarget { pageType: "PRODUCT" | "CATEGORY"; path: string }

export async function runParityCrawl(args: CommandArgs, io: CliIo): Promise<number> {
  const legacy = stringValue(args, "legacy") ?? io.env.LEGACY_URL;
  const candidate = stringValue(args, "new") ?? io.env.NEW_FRONTEND_URL;
  const concurrency = Number(stringValue(args, "concurrency") ?? 4);
  const limit = Number(stringValue(args, "limit") ?? Infinity);
  if (legacy === undefined || candidate === undefined || !(concurrency >= 1) || !(limit >= 1)) {
    io.stderr("strangler: plans parity --crawl needs --legacy URL (or LEGACY_URL), --new URL (or NEW_FRONTEND_URL), and positive --concurrency/--limit");
    return EXIT.usage;
  }
  let targets: CrawlTarget[];
  try {
    targets = (await listCatalog(legacy)).slice(0, limit);
  } catch (error) {
    io.stderr(`strangler: could not list the catalog through ${legacy}/graphql: ${(error as Error).message}`);
    return EXIT.failed;
  }
  const board = createParityBoard({ samplesPerPlan: 1 });
  const examples = new Map<string, string[]>();
  const failures: string[] = [];
  const noiseLeft = new Map<string, number>();
  let next = 0;
  async function worker(): Promise<void> {
    while (next < targets.length) {
      const target = targets[next++]!;
      const askAgain = (noiseLeft.get(target.pageType) ?? NOISE_PAGES_PER_TYPE) > 0;
      noiseLeft.set(target.pageType, (noiseLeft.get(target.pageType) ?? NOISE_PAGES_PER_TYPE) - 1);
      try {
        const [legacyFacts, candidateFacts, legacyAgain] = await Promise.all([
          fetchFacts(legacy!, target.path), fetchFacts(candidate!, target.path), askAgain ? fetchFacts(legacy!, target.path) : undefined,
        ]);
        const differences = board.record({ plan: "crawl", pageType: target.pageType, url: target.path, legacy: legacyFacts, candidate: candidateFacts, legacyAgain });
        keepExamples(examples, target.path, differences);
      } catch (error) {
        failures.push(`${target.path}: ${(error as Error).message}`);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  io.stdout(formatParity(board.scores()));
  if (examples.size > 0) io.stdout(["", "mismatches by field, with examples (legacy → new):", ...formatExamples(board.scores(), examples)].join("\n"));
  if (failures.length > 0) io.stderr(`strangler: ${failures.length} URL(s) not compared:\n  ${failures.slice(0, 10).join("\n  ")}`);
  return failures.length > 0 ? EXIT.failed : EXIT.ok;
}

async function fetchFacts(base: string, path: string): Promise<PageFacts> {
  const response = await request(new URL(path, base), { method: "GET", headers: { accept: "text/html" }, headersTimeout: 30_000, bodyTimeout: 30_000 });
  const location = response.headers.location;
  return extractPageFacts({ status: response.statusCode, location: Array.isArray(location) ? location[0] : location, body: await response.body.text() });
}

function keepExamples(examples: Map<string, string[]>, url: string, differences: readonly FactDifference[]): void {
  for (const difference of differences) {
    const kept = examples.get(difference.field) ?? [];
    if (kept.length >= EXAMPLES_PER_FIELD || kept.some((line) => line.startsWith(`${url} `))) continue;
    const [legacy, candidate] = excerpt(difference.legacy, difference.candidate);
    kept.push(`${url} ${difference.path}: ${legacy} → ${candidate}`);
    examples.set(difference.field, kept);
  }
}

function formatExamples(scores: ReturnType<ReturnType<typeof createParityBoard>["scores"]>, examples: Map<string, string[]>): string[] {
  const totals = new Map<string, number>();
  for (const type of scores.flatMap((plan) => plan.pageTypes)) {
    for (const [field, count] of Object.entries(type.mismatchesByField)) totals.set(field, (totals.get(field) ?? 0) + count);
  }
  return [...totals].sort(([, a], [, b]) => b - a)
    .flatMap(([field, count]) => [`  ${field}: ${count}`, ...(examples.get(field) ?? []).map((line) => `      ${line}`)]);
}

/** Two long texts that differ late are shown from a little before where they part. */
function excerpt(legacy: unknown, candidate: unknown): [string, string] {
  if (typeof legacy !== "string" || typeof candidate !== "string") return [clip(legacy), clip(candidate)];
  let at = 0;
  while (at < legacy.length && legacy[at] === candidate[at]) at++;
  const from = Math.max(0, at - 30);
  const cut = (text: string) => (from > 0 ? "…" : "") + clip(text.slice(from));
  return [cut(legacy), cut(candidate)];
}

function clip(value: unknown): string {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

async function listCatalog(legacy: string): Promise<CrawlTarget[]> {
  const products: CrawlTarget[] = [];
  for (let page = 1, pages = 1; page <= pages; page++) {
    const answer = await graphql(legacy, `{ products(search: "", pageSize: 100, currentPage: ${page}) { page_info { total_pages } items { url_key url_suffix } } }`) as
      { products: { page_info: { total_pages: number }; items: Array<{ url_key: string; url_suffix: string | null }> } };
    pages = answer.products.page_info.total_pages;
    for (const item of answer.products.items) products.push({ pageType: "PRODUCT", path: `/${item.url_key}${item.url_suffix ?? ".html"}` });
  }
  const tree = await graphql(legacy, `{ categoryList { url_path url_suffix ${"children { url_path url_suffix ".repeat(5)}${"}".repeat(5)} } }`) as { categoryList: CategoryNode[] };
  const categories: CrawlTarget[] = [];
  const walk = (node: CategoryNode) => {
    if (node.url_path) categories.push({ pageType: "CATEGORY", path: `/${node.url_path}${node.url_suffix ?? ".html"}` });
    for (const child of node.children ?? []) walk(child);
  };
  tree.categoryList.forEach(walk);
  return [...products, ...categories];
}

interface CategoryNode { url_path: string | null; url_suffix: string | null; children?: CategoryNode[] }

async function graphql(base: string, query: string): Promise<unknown> {
  const response = await request(new URL("/graphql", base), {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }), headersTimeout: 30_000, bodyTimeout: 30_000,
  });
  const body = await response.body.json() as { data?: unknown; errors?: Array<{ message: string }> };
  if (response.statusCode !== 200 || body.data === undefined || body.data === null) {
    throw new Error(body.errors?.[0]?.message ?? `answered ${response.statusCode}`);
  }
  return body.data;
}
