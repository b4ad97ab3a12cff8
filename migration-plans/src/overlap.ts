// Can two match entries accept the same request? Used to refuse plans of equal priority that would make
// routing depend on file order. Conservative where it must be: a path-only entry and a pageType-only entry
// are not reported, because which paths are product or category pages is known only at run time.
import { canPathsOverlap } from "./path-pattern.ts";
import type { GraphqlMatch, MatchEntry } from "./types.ts";

export function canEntriesOverlap(a: MatchEntry, b: MatchEntry): boolean {
  if (!a.methods.some((method) => b.methods.includes(method))) return false;
  if (isPathOnly(a) && isPageTypeOnly(b)) return false;
  if (isPathOnly(b) && isPageTypeOnly(a)) return false;
  if (a.path && b.path && !canPathsOverlap(a.path, b.path)) return false;
  if (a.pageType && b.pageType && a.pageType !== b.pageType) return false;
  if (a.store !== undefined && b.store !== undefined && a.store !== b.store) return false;
  if (a.graphql && b.graphql && !canOperationsOverlap(a.graphql, b.graphql)) return false;
  if (a.host !== undefined && b.host !== undefined && !canHostsOverlap(a.host, b.host)) return false;
  return areValuesCompatible(a.query, b.query) && areValuesCompatible(a.header, b.header) && areValuesCompatible(a.cookie, b.cookie);
}

export function summarizeEntry(entry: MatchEntry): string {
  const parts = [
    entry.path && `path ${entry.path.raw}`,
    entry.pageType && `pageType ${entry.pageType}`,
    entry.host && `host ${entry.host}`,
    entry.store && `store ${entry.store}`,
    entry.graphql && `graphql ${entry.graphql.operationName ?? ""}${entry.graphql.rootFields ? `{${entry.graphql.rootFields.join(",")}}` : ""}`,
    entry.query && `query ${Object.keys(entry.query).join(",")}`,
    entry.header && `header ${Object.keys(entry.header).join(",")}`,
    entry.cookie && `cookie ${Object.keys(entry.cookie).join(",")}`,
  ];
  return parts.filter(Boolean).join(", ");
}

/** Different names, or different root field sets, never accept the same operation. */
function canOperationsOverlap(a: GraphqlMatch, b: GraphqlMatch): boolean {
  if (a.operationName !== undefined && b.operationName !== undefined && a.operationName !== b.operationName) return false;
  if (a.rootFields === undefined || b.rootFields === undefined) return true;
  return a.rootFields.length === b.rootFields.length && a.rootFields.every((field) => b.rootFields!.includes(field));
}

function isPathOnly(entry: MatchEntry): boolean {
  return entry.path !== undefined && entry.pageType === undefined;
}

function isPageTypeOnly(entry: MatchEntry): boolean {
  return entry.pageType !== undefined && entry.path === undefined;
}

function canHostsOverlap(a: string, b: string): boolean {
  const matchesPattern = (pattern: string, host: string) =>
    pattern.startsWith("*.") ? host.endsWith(pattern.slice(1)) : pattern === host;
  if (a.startsWith("*.") && b.startsWith("*.")) return a.endsWith(b.slice(1)) || b.endsWith(a.slice(1));
  return matchesPattern(a, b) || matchesPattern(b, a);
}

/** Keys present in only one entry never conflict (a request can carry both); shared keys must agree. */
function areValuesCompatible(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  if (!a || !b) return true;
  return Object.entries(a).every(([key, value]) => {
    const other = b[key];
    return other === undefined || other === "*" || value === "*" || other === value;
  });
}
