import type { ProductFilter, ProductQuery } from "../../catalog/types.ts";
import type { Catalog } from "../../catalog/types.ts";
import { decodeEntityUid } from "../../catalog/uid.ts";
import { GraphQlInputError } from "../../errors.ts";

type FilterInput = Record<string, { eq?: string | null; in?: (string | null)[] | null; match?: string | null; from?: string | null; to?: string | null } | null>;

export interface ProductsArgs {
  search?: string | null;
  filter?: FilterInput | null;
  sort?: Record<string, string> | null;
  pageSize?: number | null;
  currentPage?: number | null;
}

/** Turns the `products` arguments into a catalog query, with Magento's input errors. */
export function readProductsArgs(catalog: Catalog, args: ProductsArgs): ProductQuery {
  if ((args.search === undefined || args.search === null) && !args.filter) {
    throw new GraphQlInputError("'search' or 'filter' input argument is required.");
  }
  const pageSize = args.pageSize ?? 20;
  const currentPage = args.currentPage ?? 1;
  if (pageSize < 1) throw new GraphQlInputError("pageSize value must be greater than 0.");
  if (currentPage < 1) throw new GraphQlInputError("currentPage value must be greater than 0.");
  return {
    ...(args.search !== undefined && args.search !== null ? { search: args.search } : {}),
    filters: readFilters(catalog, args.filter ?? {}),
    sort: readSort(args.sort),
    pageSize,
    currentPage,
  };
}

export function readSort(sort: Record<string, string> | null | undefined): ProductQuery["sort"] {
  if (!sort) return undefined;
  return Object.entries(sort).map(([field, direction]) => ({
    field: field as "relevance" | "position" | "name" | "price", direction: direction === "DESC" ? "DESC" : "ASC",
  }));
}

function readFilters(catalog: Catalog, input: FilterInput): ProductFilter[] {
  const filters: ProductFilter[] = [];
  for (const [field, condition] of Object.entries(input)) {
    if (!condition) continue;
    const filter: ProductFilter = { field: field === "category_uid" || field === "category_url_path" ? "category_id" : field };
    const convert = (value: string) => convertValue(catalog, field, value);
    if (condition.eq !== undefined && condition.eq !== null) filter.eq = convert(condition.eq);
    if (condition.in) filter.in = condition.in.filter((v): v is string => v !== null).map(convert);
    if (condition.match !== undefined && condition.match !== null) filter.match = condition.match;
    if (condition.from !== undefined && condition.from !== null && condition.from !== "") filter.from = readBound(field, "from", condition.from);
    if (condition.to !== undefined && condition.to !== null && condition.to !== "") filter.to = readBound(field, "to", condition.to);
    filters.push(filter);
  }
  return filters;
}

function readBound(field: string, bound: "from" | "to", value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number)) throw new GraphQlInputError(`Invalid value "${value}" for "${field}.${bound}": a number is expected.`);
  return number;
}

/** category_uid → id, category_url_path → id; other values pass through. */
function convertValue(catalog: Catalog, field: string, value: string): string {
  if (field === "category_uid") {
    const id = decodeEntityUid(value);
    if (id === undefined) throw new GraphQlInputError(`Value of uid "${value}" is incorrect.`);
    return String(id);
  }
  if (field === "category_url_path") return String(catalog.getCategoryByUrlPath(value)?.id ?? 0);
  return value;
}
