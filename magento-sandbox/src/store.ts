import type { Catalog } from "./catalog/types.ts";
import type { Commerce } from "./commerce/index.ts";

/** Everything the sandbox holds in memory; tests reach state directly through it. */
export interface SandboxStore {
  catalog: Catalog;
  commerce: Commerce;
}
