import { requiredField, RestError } from "./respond.ts";

/**
 * Magento's searchCriteria query parameters (docs/commerce-webapi/rest/use-rest/performing-searches.md):
 * filters inside a group are OR'ed, groups are AND'ed; `condition_type` defaults to `eq`.
 * Both spellings are read (`filter_groups` / `filterGroups`, `condition_type` / `conditionType`).
 */
export interface Filter {
  field: string;
  value: string;
  condition_type?: string;
}

export interface SearchCriteria {
  filter_groups: { filters: Filter[] }[];
  sort_orders?: { field: string; direction: string }[];
  page_size?: number;
  current_page?: number;
}

const keyPattern =
  /^searchCriteria\[(filter_groups|filterGroups)\]\[(\d+)\]\[filters\]\[(\d+)\]\[(field|value|condition_type|conditionType)\]$/;
const sortPattern = /^searchCriteria\[(sort_orders|sortOrders)\]\[(\d+)\]\[(field|direction)\]$/;
const conditions = new Set(["eq", "neq", "like", "nlike", "in", "nin", "gt", "lt", "gteq", "lteq", "from", "to", "null", "notnull", "finset"]);

export function parseSearchCriteria(query: URLSearchParams): SearchCriteria {
  if (![...query.keys()].some((key) => key.startsWith("searchCriteria"))) throw requiredField("searchCriteria");
  const groups: Filter[][] = [];
  const sorts: { field: string; direction: string }[] = [];
  const criteria: SearchCriteria = { filter_groups: [] };
  for (const [key, value] of query) {
    const filter = keyPattern.exec(key);
    if (filter) {
      const group = (groups[Number(filter[2])] ??= []);
      const entry = (group[Number(filter[3])] ??= { field: "", value: "" });
      const name = filter[4] === "conditionType" ? "condition_type" : (filter[4] as keyof Filter);
      entry[name] = value;
      continue;
    }
    const sort = sortPattern.exec(key);
    if (sort) {
      const entry = (sorts[Number(sort[2])] ??= { field: "", direction: "ASC" });
      entry[sort[3] as "field" | "direction"] = value;
    }
    if (/^searchCriteria\[(pageSize|page_size)\]$/.test(key)) criteria.page_size = readPositive(value, "pageSize");
    if (/^searchCriteria\[(currentPage|current_page)\]$/.test(key)) criteria.current_page = readPositive(value, "currentPage");
  }
  criteria.filter_groups = groups.filter(Boolean).map((filters) => ({ filters: filters.filter(Boolean).map(checkFilter) }));
  if (sorts.length > 0) criteria.sort_orders = sorts.filter(Boolean);
  return criteria;
}

function readPositive(value: string, name: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) {
    throw new RestError(400, 'Invalid value of "%value" provided for the %fieldName field.', { value, fieldName: name });
  }
  return number;
}

function checkFilter(filter: Filter): Filter {
  if (!filter.field) throw requiredField("field");
  if (filter.condition_type && !conditions.has(filter.condition_type)) {
    throw new RestError(400, 'Invalid condition type "%1".', [filter.condition_type]);
  }
  return filter;
}

type FieldReader<T> = (record: T, field: string) => unknown;

function matchesFilter(actual: unknown, filter: Filter): boolean {
  const values = Array.isArray(actual) ? actual.map(String) : actual === undefined || actual === null ? [] : [String(actual)];
  const wanted = filter.value;
  const compare = (op: (a: number, b: number) => boolean) => values.some((v) => op(Number(v), Number(wanted)));
  switch (filter.condition_type ?? "eq") {
    case "neq": return !values.includes(wanted);
    case "like": return values.some((v) => likeRegex(wanted).test(v));
    case "nlike": return !values.some((v) => likeRegex(wanted).test(v));
    case "in": return values.some((v) => wanted.split(",").map((s) => s.trim()).includes(v));
    case "nin": return !values.some((v) => wanted.split(",").map((s) => s.trim()).includes(v));
    case "finset": return values.some((v) => v.split(",").includes(wanted));
    case "gt": return compare((a, b) => a > b);
    case "lt": return compare((a, b) => a < b);
    case "gteq": case "from": return compare((a, b) => a >= b);
    case "lteq": case "to": return compare((a, b) => a <= b);
    case "null": return values.length === 0;
    case "notnull": return values.length > 0;
    default: return values.includes(wanted);
  }
}

function likeRegex(pattern: string): RegExp {
  const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/%/g, ".*").replace(/_/g, ".");
  return new RegExp(`^${escaped}$`, "i");
}

/** Filters, sorts and pages records; returns the page and the total before paging. */
export function applySearchCriteria<T>(records: readonly T[], criteria: SearchCriteria, read: FieldReader<T>) {
  let matched = records.filter((record) =>
    criteria.filter_groups.every((group) => group.filters.some((f) => matchesFilter(read(record, f.field), f))),
  );
  for (const sort of [...(criteria.sort_orders ?? [])].reverse()) {
    const sign = sort.direction.toUpperCase() === "DESC" ? -1 : 1;
    matched = [...matched].sort((a, b) => sign * compareValues(read(a, sort.field), read(b, sort.field)));
  }
  const total = matched.length;
  if (criteria.page_size) {
    const start = ((criteria.current_page ?? 1) - 1) * criteria.page_size;
    matched = matched.slice(start, start + criteria.page_size);
  }
  return { items: matched, total };
}

function compareValues(a: unknown, b: unknown): number {
  const [x, y] = [Number(a), Number(b)];
  if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
  return String(a ?? "").localeCompare(String(b ?? ""));
}
