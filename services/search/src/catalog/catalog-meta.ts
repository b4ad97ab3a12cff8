// What the index knows about the catalog besides products: the filterable attributes in layered
// navigation order with their option labels, and the categories (tree links, url paths, labels).
// All of it is learned from Magento's own answers through the adapters (store config, category
// tree, the facets of listings), so the service never needs Magento's attribute tables.
import type { CategoryTree, Facet } from "@strangler/adapters";

export interface AttributeMeta {
  code: string;
  label: string;
  /** Place in layered navigation (price is 0, category 1, attributes from 2). */
  position: number;
  options: { value: string; label: string }[];
}

export interface CategoryMeta {
  id: number;
  uid: string;
  name: string;
  /** Empty for a category only seen in a facet (e.g. under an inactive parent). */
  urlPath: string;
  parentId?: number;
  childIds: number[];
}

export interface CatalogMeta {
  currency: string;
  /** e.g. `.html` */
  productUrlSuffix: string;
  rootCategoryId?: number;
  attributes: AttributeMeta[];
  categories: CategoryMeta[];
}

/** Facet codes that are not attributes. */
export const PRICE_FACET = "price";
export const CATEGORY_FACET = "category_uid";

/** Magento uids are base64 of the numeric id (`MTI=` → 12); anything else → undefined. */
export function decodeUid(uid: string): number | undefined {
  const decoded = Buffer.from(uid, "base64").toString("utf8");
  return /^\d+$/.test(decoded) && Buffer.from(decoded).toString("base64") === uid ? Number(decoded) : undefined;
}

export function encodeUid(id: number): string {
  return Buffer.from(String(id)).toString("base64");
}

export function categoriesFromTree(roots: CategoryTree[], rootCategoryId: number | undefined): CategoryMeta[] {
  const out: CategoryMeta[] = [];
  const walk = (node: CategoryTree, parentId: number | undefined) => {
    out.push({ id: node.id, uid: node.uid, name: node.name, urlPath: node.urlPath, parentId, childIds: node.children.map((c) => c.id) });
    for (const child of node.children) walk(child, node.id);
  };
  for (const root of roots) walk(root, rootCategoryId);
  return out;
}

/** Adds attributes, options and categories a facet list names that the meta does not know yet. */
export function learnFacets(meta: CatalogMeta, facets: Facet[]): void {
  for (const facet of facets) {
    if (facet.code === PRICE_FACET) continue;
    if (facet.code === CATEGORY_FACET) {
      learnCategories(meta, facet);
      continue;
    }
    let attribute = meta.attributes.find((a) => a.code === facet.code);
    if (!attribute) {
      attribute = { code: facet.code, label: facet.label, position: meta.attributes.length + 2, options: [] };
      meta.attributes.push(attribute);
    }
    for (const option of facet.options) {
      if (!attribute.options.some((o) => o.value === option.value)) attribute.options.push({ value: option.value, label: option.label });
    }
  }
}

function learnCategories(meta: CatalogMeta, facet: Facet): void {
  for (const option of facet.options) {
    const id = decodeUid(option.value);
    if (id === undefined || meta.categories.some((c) => c.id === id)) continue;
    meta.categories.push({ id, uid: option.value, name: option.label, urlPath: "", childIds: [] });
  }
}

/** The category and every ancestor the meta knows, for "listed under" membership. */
export function withAncestors(meta: CatalogMeta, ids: Iterable<number>): number[] {
  const byId = new Map(meta.categories.map((c) => [c.id, c]));
  const out = new Set<number>();
  for (let id of ids) {
    for (let guard = 0; id !== undefined && !out.has(id) && guard < 64; guard += 1) {
      out.add(id);
      const parent: number | undefined = byId.get(id)?.parentId;
      if (parent === undefined) break;
      id = parent;
    }
  }
  return [...out].sort((a, b) => a - b);
}
