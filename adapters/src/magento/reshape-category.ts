// MagentoCategory (CategoryTree as selected) → Category / CategoryTree. Null texts → "", null
// counts → 0, null children → []. Missing id/uid/name/url_path → MagentoShapeError.
import { z } from "zod";
import type { Category, CategoryTree } from "../domain/category.ts";
import type { Breadcrumb } from "../domain/product.ts";
import { numberField, parseShape, textField } from "./shape.ts";

const breadcrumbSchema = z.object({ category_name: textField, category_url_path: textField });
const breadcrumbsField = z.array(breadcrumbSchema.nullable()).nullish();

export const categoryRefSchema = z.object({
  id: numberField,
  uid: z.string().min(1),
  name: z.string().min(1),
  url_path: z.string().min(1),
  breadcrumbs: breadcrumbsField,
});

const categorySchema = z.object({
  id: numberField,
  uid: z.string().min(1),
  name: z.string().min(1),
  url_key: textField,
  url_path: textField,
  url_suffix: z.string().nullish(),
  level: numberField.nullish(),
  position: numberField.nullish(),
  product_count: numberField.nullish(),
  description: textField,
  meta_title: z.string().nullish(),
  meta_description: textField,
  image: z.string().nullish(),
  breadcrumbs: breadcrumbsField,
  display_mode: z.string().nullish(),
  cms_block: z.object({ content: textField }).nullish(),
});

type RawCategory = z.output<typeof categorySchema> & { children?: unknown };
export type MagentoCategory = z.input<typeof categorySchema> & { children?: MagentoCategory[] | null };

/** The deepest category's breadcrumbs plus the category itself: what a product page shows. */
export function reshapeBreadcrumbs(categories: ({ name: string; url_path: string; breadcrumbs?: z.output<typeof breadcrumbsField> } | null)[]): Breadcrumb[] {
  const present = categories.filter((c) => c !== null);
  const deepest = present.reduce<(typeof present)[number] | undefined>(
    (best, c) => ((c.breadcrumbs?.length ?? 0) >= (best?.breadcrumbs?.length ?? -1) ? c : best), undefined);
  if (!deepest) return [];
  const trail = (deepest.breadcrumbs ?? []).flatMap((b) => (b ? [{ name: b.category_name, urlPath: b.category_url_path }] : []));
  return [...trail, { name: deepest.name, urlPath: deepest.url_path }];
}

const displayModes = new Set(["PRODUCTS", "PAGE", "PRODUCTS_AND_PAGE"]);

/** Magento's display_mode; unknown or missing reads as PRODUCTS (Magento's default). */
function toDisplayMode(value: string | null | undefined): Category["displayMode"] {
  return value && displayModes.has(value) ? (value as Category["displayMode"]) : "PRODUCTS";
}

function toCategory(raw: RawCategory): Category {
  return {
    id: raw.id, uid: raw.uid, name: raw.name, urlKey: raw.url_key, urlPath: raw.url_path,
    url: raw.url_path ? `/${raw.url_path}${raw.url_suffix ?? ".html"}` : "/",
    level: raw.level ?? 0, position: raw.position ?? 0, productCount: raw.product_count ?? 0,
    descriptionHtml: raw.description, metaTitle: raw.meta_title || raw.name, metaDescription: raw.meta_description,
    image: raw.image ?? undefined,
    displayMode: toDisplayMode(raw.display_mode), landingHtml: raw.cms_block?.content ?? "",
    breadcrumbs: reshapeBreadcrumbs([{ name: raw.name, url_path: raw.url_path, breadcrumbs: raw.breadcrumbs }]).slice(0, -1),
  };
}

export function reshapeCategory(raw: unknown): Category {
  return toCategory(parseShape(categorySchema, raw, "category"));
}

export function reshapeCategoryTree(raw: unknown): CategoryTree {
  const parsed = parseShape(categorySchema.extend({ children: z.array(z.unknown()).nullish() }), raw, "category tree");
  const children = (parsed.children ?? []).filter((child) => child != null).map(reshapeCategoryTree);
  children.sort((a, b) => a.position - b.position);
  return { ...toCategory(parsed), children };
}

export function collectCategoryIds(tree: CategoryTree[]): number[] {
  return tree.flatMap((node) => [node.id, ...collectCategoryIds(node.children)]);
}
