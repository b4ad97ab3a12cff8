// Compiles one match entry ONCE into a per-request test that only compares strings, looks up Sets and runs
// pre-built RegExps. Case rules: paths compare case-sensitively (as Magento's URL rewrites do) after the
// proxy normalized them; methods, header names and hosts are case-insensitive; header, cookie, query and
// store values are compared exactly, and "*" means "present with any value".
import { InvalidPatternError } from "./errors.ts";
import { compilePathTest, parsePathPattern } from "./path-pattern.ts";
import type { CompiledMatcher, GraphqlMatch, GraphqlOperation, MatchEntry, MatchInput, PathPredicate } from "./types.ts";

type Test = (input: MatchInput) => boolean;

export function compileMatcher(entry: MatchEntry): CompiledMatcher {
  const tests: Test[] = [];
  // Both spellings in the Set, so a per-request toUpperCase (an allocation) is never needed.
  const methods = new Set(entry.methods.flatMap((method) => [method.toUpperCase(), method.toLowerCase()]));
  tests.push((input) => methods.has(input.method));
  if (entry.host !== undefined) tests.push(compileHostTest(entry.host));
  if (entry.path !== undefined) {
    const testPath = compilePathTest(checkPath(entry.path));
    tests.push((input) => testPath(input.path));
  }
  if (entry.store !== undefined) {
    const store = entry.store;
    tests.push((input) => input.storeCode === store);
  }
  for (const [name, value] of Object.entries(entry.header ?? {})) tests.push(compileValueTest((input) => input.headers[name], value));
  for (const [name, value] of Object.entries(entry.cookie ?? {})) tests.push(compileValueTest((input) => input.cookies[name], value));
  for (const [name, value] of Object.entries(entry.query ?? {})) {
    tests.push(value === "*" ? (input) => input.query.has(name) || hasBracketed(input.query, `${name}[`) : (input) => input.query.has(name, value));
  }
  const matchesIgnoringPageType = combine(tests);
  const pageType = entry.pageType;
  if (entry.graphql !== undefined) {
    const testOperation = compileGraphqlTest(entry.graphql);
    return {
      matches: (input) => matchesIgnoringPageType(input) && input.graphql !== undefined && testOperation(input.graphql),
      matchesIgnoringPageType,
      matchesIgnoringGraphql: matchesIgnoringPageType,
      needsGraphql: true,
    };
  }
  if (pageType === undefined) return { matches: matchesIgnoringPageType, matchesIgnoringPageType, matchesIgnoringGraphql: matchesIgnoringPageType };
  const matches: Test = (input) => input.pageType === pageType && matchesIgnoringPageType(input);
  return { matches, matchesIgnoringPageType, matchesIgnoringGraphql: matches, needsPageType: pageType };
}

/** A query (never a mutation or subscription) with the name, exactly the root fields, and the argument asked for. */
export function compileGraphqlTest(match: GraphqlMatch): (operation: GraphqlOperation) => boolean {
  const { operationName, argument } = match;
  const rootFields = match.rootFields === undefined ? undefined : new Set(match.rootFields);
  return (operation) => {
    if (operation.type !== "query") return false;
    if (operationName !== undefined && operation.name !== operationName) return false;
    const fields = operation.rootFields;
    if (rootFields !== undefined) {
      if (fields.length === 0) return false;
      const seen = new Set<string>();
      for (const field of fields) {
        if (!rootFields.has(field.name)) return false;
        seen.add(field.name);
      }
      if (seen.size !== rootFields.size) return false;
    }
    return argument === undefined || (fields.length > 0 && fields.every((field) => field.arguments.includes(argument)));
  };
}

/** Entries normally come from the loader, already checked; a hand-built one gets a clear error here. */
function checkPath(predicate: PathPredicate): PathPredicate {
  const parsed = parsePathPattern(predicate.raw);
  if (!parsed.ok) throw new InvalidPatternError(`${parsed.message}; ${parsed.fix}`);
  return predicate;
}

function compileHostTest(hostPattern: string): Test {
  const pattern = hostPattern.toLowerCase();
  const hasPort = /:\d+$/.test(pattern);
  const suffix = pattern.startsWith("*.") ? pattern.slice(1) : undefined;
  const test = suffix === undefined
    ? (host: string) => host === pattern
    : (host: string) => host.length > suffix.length && host.endsWith(suffix);
  return (input) => {
    let host = input.host;
    if (!hasPort) {
      const colon = host.lastIndexOf(":");
      if (colon > host.lastIndexOf("]")) host = host.slice(0, colon);
    }
    // Browsers send lower-case hosts: compare as given first, lower-case only when that fails.
    return test(host) || test(host.toLowerCase());
  };
}

function compileValueTest(read: (input: MatchInput) => string | undefined, expected: string): Test {
  if (expected === "*") return (input) => read(input) !== undefined;
  return (input) => read(input) === expected;
}

/** PHP (Magento) reads `searchCriteria[pageSize]=5` as `searchCriteria` present, an array. */
function hasBracketed(query: URLSearchParams, prefix: string): boolean {
  for (const key of query.keys()) if (key.startsWith(prefix)) return true;
  return false;
}

function combine(tests: readonly Test[]): Test {
  const [first, second, third] = tests;
  // Unrolled for the common one-to-three-predicate entries: no loop, no closure array walk per request.
  if (tests.length === 1 && first) return first;
  if (tests.length === 2 && first && second) return (input) => first(input) && second(input);
  if (tests.length === 3 && first && second && third) return (input) => first(input) && second(input) && third(input);
  return (input) => {
    for (const test of tests) if (!test(input)) return false;
    return true;
  };
}
