// Writes the plans the e2e stack runs with into a temp PLANS_DIR: product and category pages at a
// given rollout percentage, and the new frontend's own assets (/_next/**) always on the new side.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

function buildPlan(id: string, match: string, percentage: number): string {
  return [
    `id: ${id}`,
    `description: e2e ${id}`,
    "owner: team-e2e",
    "target: new-frontend",
    "match:",
    match,
    `flag: strangler.e2e-${id}`,
    `rollout: { percentage: ${percentage}, stickiness: sessionId }`,
    "fallback: legacy",
    "",
  ].join("\n");
}

/**
 * `separate`: one plan (and flag) for product pages and one for category pages, as in the examples.
 * `shared`: one catalog plan for both, so one flag (one rollout bucket per shopper) decides both page types.
 */
export async function writePlans(percentage: number, layout: "separate" | "shared" = "separate"): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "strangler-e2e-plans-"));
  if (layout === "shared") {
    await writeFile(join(dir, "catalog-pages.yaml"), buildPlan("catalog-pages", "  - pageType: PRODUCT\n  - pageType: CATEGORY", percentage));
  } else {
    await writeFile(join(dir, "product-pages.yaml"), buildPlan("product-pages", "  - pageType: PRODUCT", percentage));
    await writeFile(join(dir, "category-pages.yaml"), buildPlan("category-pages", "  - pageType: CATEGORY", percentage));
  }
  await writeFile(join(dir, "new-frontend-assets.yaml"), buildPlan("new-frontend-assets", "  - path: /_next/**", 100));
  return dir;
}
