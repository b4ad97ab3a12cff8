// Everything a fault test runs against: the Magento sandbox as legacy (the real storefront, cart and
// GraphQL `route`), the test new side, a plans directory, a flag-state directory, and the POST counts at
// both upstreams. The proxy itself is started by each test, as a child process, with `proxyEnv`.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSandbox } from "@strangler/magento-sandbox";
import type { RunningSandbox } from "@strangler/magento-sandbox";
import { ADMIN_TOKEN, createPlansDir } from "../../support/proxy.ts";
import type { PlansDir } from "../../support/proxy.ts";
import { CART_SECTION } from "./cart-shopper.ts";
import { startNewSide } from "./new-side.ts";
import type { NewSide, NewSideOptions } from "./new-side.ts";
import { countPostsReceived, watchSandboxArrivals } from "./arrivals.ts";
import type { SandboxArrivals } from "./arrivals.ts";

export { ADMIN_TOKEN };

/** The plan entry every fault plan has: the load's new-side POSTs. */
const POST_ROUTE = "  - path: /fault/post/**\n    methods: [POST]\n";

/** A plan sending `match` (YAML list entries) and the load's POSTs to the new side. */
export function faultPlan(id: string, match: string, percentage = 100): string {
  return `id: ${id}\ntarget: new-frontend\nmatch:\n${match}${POST_ROUTE}rollout: { percentage: ${percentage}, stickiness: sessionId }\n`;
}

/** Product pages at the root (`/joust-duffle-bag.html`), the way Luma links them. */
export const ROOT_PAGES_PLAN = faultPlan("fault-pages", "  - path: /*.html\n");
/** Product pages by page type, resolved through the sandbox's GraphQL `route`. */
export const PRODUCT_PAGES_PLAN = faultPlan("fault-products", "  - pageType: PRODUCT\n");
/** Pages no plan routes: a CMS page, a category page below the root, the cart section. */
export const LEGACY_PAGES = ["/about-us", "/gear/bags.html", CART_SECTION];

export interface Rig {
  sandbox: RunningSandbox;
  newSide: NewSide;
  plans: PlansDir;
  /** What the sandbox received. */
  legacyArrivals: SandboxArrivals;
  /** Every visible product's page, `/<url key>.html`. */
  productPages: string[];
  /** Each upstream's count of POST ids so far. */
  arrivals(): Array<Map<string, number>>;
  proxyEnv(extra?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

export async function startRig(planFiles: Record<string, string>, newSideOptions: NewSideOptions = { slowMs: 5_000 }): Promise<Rig> {
  const sandbox = await startSandbox();
  const cleanups: Array<() => Promise<void> | void> = [() => sandbox.close()];
  try {
    const legacyArrivals = watchSandboxArrivals(sandbox.url);
    cleanups.push(() => legacyArrivals.stop());
    const newSide = await startNewSide(newSideOptions);
    cleanups.push(() => newSide.close());
    const plans = await createPlansDir(planFiles);
    cleanups.push(() => plans.remove());
    const stateDir = await mkdtemp(join(tmpdir(), "strangler-fault-flags-"));
    cleanups.push(() => rm(stateDir, { recursive: true, force: true }));
    const catalog = sandbox.store.catalog;
    const productPages = catalog.products.filter((product) => product.enabled && product.visibility !== 1)
      .map((product) => `/${catalog.getProductUrl(product)}`);
    return {
      sandbox, newSide, plans, legacyArrivals, productPages,
      arrivals: () => [legacyArrivals.postCounts(), countPostsReceived(newSide.received)],
      proxyEnv: (extra = {}) => ({
        PORT: "0", ADMIN_PORT: "0", HOST: "127.0.0.1", ADMIN_TOKEN, LOG_LEVEL: "warn",
        LEGACY_URL: sandbox.url, NEW_FRONTEND_URL: newSide.url, PLANS_DIR: plans.dir, FLAG_STATE_DIR: stateDir,
        CIRCUIT_OPEN_MS: "500", SHUTDOWN_TIMEOUT_MS: "5000",
        ...extra,
      }),
      close: () => runCleanups(cleanups),
    };
  } catch (error) {
    await runCleanups(cleanups);
    throw error;
  }
}

async function runCleanups(cleanups: Array<() => Promise<void> | void>): Promise<void> {
  for (const cleanup of cleanups.reverse()) await cleanup();
}
