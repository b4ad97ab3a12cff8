import type { Category } from "./types.ts";
import { readCsv } from "./csv.ts";
import { encodeUid } from "./uid.ts";

const CATEGORY_FILES = [
  "CatalogSampleData/categories.csv",
  "DownloadableSampleData/categories.csv",
  "ConfigurableSampleData/categories.csv",
  "CmsSampleData/categories.csv",
];

/** The landing-page CMS block Luma shows on its top categories. */
const LANDING_BLOCKS: Record<string, string> = {
  gear: "gear-block", men: "men-block", women: "women-block", training: "training-block",
  sale: "sale-block", "what-is-new": "new-block", "performance-new": "performance-fabrics-block",
  "eco-new": "eco-friendly-block",
};

export interface CategoryTree {
  categories: Category[];
  byId: Map<number, Category>;
  /** "Men/Tops" (names below the store root) → category. */
  byNamePath: Map<string, Category>;
  rootCategoryId: number;
}

/**
 * Builds the tree in Magento's install order: 1 = root catalog, 2 = "Default Category", then the
 * sample modules' rows (Gear = 3, Men = 11, Women = 20 as in a Luma install). Duplicated rows
 * (Collections appears in several modules) are created once.
 */
export function loadCategories(dir: string): CategoryTree {
  const root = createCategory(1, 0, "Root Catalog", "", [], 0);
  const store = createCategory(2, 1, "Default Category", "", [1], 1);
  const tree: CategoryTree = { categories: [root, store], byId: new Map([[1, root], [2, store]]), byNamePath: new Map(), rootCategoryId: 2 };
  store.displayMode = "PRODUCTS";
  let nextId = 3;
  for (const file of CATEGORY_FILES) {
    for (const row of readCsv(dir, file)) {
      const parentPath = row.path ?? "";
      const namePath = parentPath ? `${parentPath}/${row.name}` : (row.name ?? "");
      if (tree.byNamePath.has(namePath)) continue;
      const parent = parentPath ? tree.byNamePath.get(parentPath) : store;
      if (!parent) continue;
      const category = createCategory(nextId++, parent.id, row.name ?? "", row.url_key ?? "", parent.path, parent.level + 1);
      category.urlPath = parent.urlPath ? `${parent.urlPath}/${category.urlKey}` : category.urlKey;
      category.isActive = row.active === "1";
      category.isAnchor = row.is_anchor === "1";
      category.includeInMenu = row.include_in_menu === "1";
      // Rows without a position (Collections, Promotions: hidden from the menu) sort last.
      category.position = Number(row.position) || 100 + parent.childrenIds.length;
      category.displayMode = row.display_mode === "PAGE" ? "PAGE" : "PRODUCTS";
      category.landingBlock = LANDING_BLOCKS[category.urlKey];
      parent.childrenIds.push(category.id);
      tree.categories.push(category);
      tree.byId.set(category.id, category);
      tree.byNamePath.set(namePath, category);
    }
  }
  sortChildren(tree);
  return tree;
}

function sortChildren(tree: CategoryTree): void {
  for (const category of tree.categories) {
    category.childrenIds.sort((a, b) => (tree.byId.get(a)?.position ?? 0) - (tree.byId.get(b)?.position ?? 0) || a - b);
  }
}

function createCategory(id: number, parentId: number, name: string, urlKey: string, path: number[], level: number): Category {
  return {
    id, uid: encodeUid(id), parentId, name, urlKey, urlPath: "", path: path.concat(id), level, position: 1,
    isActive: true, isAnchor: true, includeInMenu: true, displayMode: "PRODUCTS", description: "", childrenIds: [],
  };
}
