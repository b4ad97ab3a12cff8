import { GraphQLError, Kind, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from "graphql";

/** Magento's defaults (di.xml of GraphQl: queryDepth 20, queryComplexity 300). */
export const MAX_QUERY_DEPTH = 20;
export const MAX_QUERY_COMPLEXITY = 300;

export interface QueryMeasure {
  depth: number;
  complexity: number;
}

/**
 * Depth and complexity as graphql-php's QueryDepth / QueryComplexity rules count them:
 * depth is the nesting level of the deepest field that has a selection set (top-level = 0,
 * leaves don't count), fragments are inlined, every field costs 1 towards complexity.
 */
export function measureOperation(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): QueryMeasure {
  return measureSelection(operation.selectionSet, fragments, 0, new Set());
}

function measureSelection(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, depth: number, visiting: Set<string>): QueryMeasure {
  let maxDepth = 0;
  let complexity = 0;
  for (const selection of selectionSet.selections) {
    let inner: QueryMeasure;
    if (selection.kind === Kind.FIELD) {
      complexity += 1;
      if (!selection.selectionSet) continue;
      inner = measureSelection(selection.selectionSet, fragments, depth + 1, visiting);
      maxDepth = Math.max(maxDepth, depth);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      inner = measureSelection(selection.selectionSet, fragments, depth, visiting);
    } else {
      const fragment = fragments.get(selection.name.value);
      // A fragment cycle is a validation error reported elsewhere; don't recurse forever.
      if (!fragment || visiting.has(fragment.name.value)) continue;
      visiting.add(fragment.name.value);
      inner = measureSelection(fragment.selectionSet, fragments, depth, visiting);
      visiting.delete(fragment.name.value);
    }
    maxDepth = Math.max(maxDepth, inner.depth);
    complexity += inner.complexity;
  }
  return { depth: maxDepth, complexity };
}

/**
 * Past this many open brackets a query cannot be within the depth limit, and graphql-js's
 * recursive parser would run out of stack on it; such a query is refused before parsing.
 */
export const MAX_PARSE_NESTING = 256;

/** The deepest bracket nesting ({, [, () outside strings and comments, stopping past the cap. */
export function measureNesting(query: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < query.length && max <= MAX_PARSE_NESTING; i++) {
    const char = query[i];
    if (char === "#") i = skipTo(query, i, "\n");
    else if (char === '"') i = query.startsWith('"""', i) ? skipTo(query, i + 2, '"""') + 2 : skipString(query, i);
    else if (char === "{" || char === "[" || char === "(") max = Math.max(max, ++depth);
    else if (char === "}" || char === "]" || char === ")") depth--;
  }
  return max;
}

function skipTo(query: string, from: number, end: string): number {
  const at = query.indexOf(end, from + 1);
  return at === -1 ? query.length : at;
}

function skipString(query: string, from: number): number {
  for (let i = from + 1; i < query.length; i++) {
    if (query[i] === "\\") i++;
    else if (query[i] === '"' || query[i] === "\n") return i;
  }
  return query.length;
}

/** graphql-php's messages for the two limits; empty when within them. */
export function checkLimits(measure: QueryMeasure): GraphQLError[] {
  const errors: GraphQLError[] = [];
  if (measure.depth > MAX_QUERY_DEPTH) errors.push(new GraphQLError(`Max query depth should be ${MAX_QUERY_DEPTH} but got ${measure.depth}.`));
  if (measure.complexity > MAX_QUERY_COMPLEXITY) errors.push(new GraphQLError(`Max query complexity should be ${MAX_QUERY_COMPLEXITY} but got ${measure.complexity}.`));
  return errors;
}
