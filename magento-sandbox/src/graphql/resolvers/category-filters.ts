import type { Catalog, Category } from "../../catalog/types.ts";
import { decodeEntityUid } from "../../catalog/uid.ts";
import { GraphQlInputError } from "../../errors.ts";

interface EqualFilter { eq?: string | null; in?: (string | null)[] | null }
export interface CategoryFilters {
  ids?: EqualFilter | null;
  category_uid?: EqualFilter | null;
  parent_id?: EqualFilter | null;
  parent_category_uid?: EqualFilter | null;
  url_key?: EqualFilter | null;
  url_path?: EqualFilter | null;
  name?: { match?: string | null } | null;
}

/**
 * CategoryFilterInput over the store's active categories. No filter means the store root, as
 * Magento answers `categories {…}` / `categoryList {…}` without filters.
 */
export function findCategories(catalog: Catalog, filters: CategoryFilters | null | undefined): Category[] {
  const inStore = catalog.categories.filter((c) => c.isActive && c.path.includes(catalog.rootCategoryId));
  if (!filters || Object.values(filters).every((f) => !f)) return inStore.filter((c) => c.id === catalog.rootCategoryId);
  const uidsToIds = (filter: EqualFilter | null | undefined) => filter ? mapValues(filter, (uid) => {
    const id = decodeEntityUid(uid);
    if (id === undefined) throw new GraphQlInputError(`Value of uid "${uid}" is incorrect.`);
    return String(id);
  }) : undefined;
  const checks: [EqualFilter | undefined | null, (c: Category) => string][] = [
    [filters.ids, (c) => String(c.id)],
    [uidsToIds(filters.category_uid), (c) => String(c.id)],
    [filters.parent_id, (c) => String(c.parentId)],
    [uidsToIds(filters.parent_category_uid), (c) => String(c.parentId)],
    [filters.url_key, (c) => c.urlKey],
    [filters.url_path, (c) => c.urlPath],
  ];
  const nameMatch = filters.name?.match?.toLowerCase();
  return inStore.filter((category) => {
    if (nameMatch !== undefined && !category.name.toLowerCase().includes(nameMatch)) return false;
    return checks.every(([filter, value]) => !filter || matchesEqual(filter, value(category)));
  });
}

function matchesEqual(filter: EqualFilter, value: string): boolean {
  if (filter.eq !== undefined && filter.eq !== null && filter.eq !== value) return false;
  if (filter.in && !filter.in.includes(value)) return false;
  return true;
}

function mapValues(filter: EqualFilter, convert: (value: string) => string): EqualFilter {
  return {
    ...(filter.eq !== undefined && filter.eq !== null ? { eq: convert(filter.eq) } : {}),
    ...(filter.in ? { in: filter.in.filter((v): v is string => v !== null).map(convert) } : {}),
  };
}
