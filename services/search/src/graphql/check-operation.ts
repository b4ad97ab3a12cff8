// Is an operation wholly answerable here? Walks the operation's selection (fragments followed)
// against supported-fields.ts and lists everything outside it. Needs no schema and no index, so the
// proxy's router can run it per request on a parsed document; the service runs it too, with the
// attribute codes its index holds, before executing anything.
import { getOperationAST, Kind, parse, valueFromASTUntyped } from "graphql";
import type { DocumentNode, FieldNode, FragmentDefinitionNode, SelectionSetNode, ValueNode } from "graphql";
import { SUPPORTED_ARGUMENTS, SUPPORTED_FILTERS, SUPPORTED_ROOT_FIELDS, type SelectionSpec } from "./supported-fields.ts";

export interface CheckOptions {
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  /** Filterable attribute codes the index holds; without it any equality filter is assumed served. */
  attributeCodes?: readonly string[];
}

interface Walk {
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  options: CheckOptions;
  unsupported: string[];
}

const EQUAL_FILTERS = new Set<string>(SUPPORTED_FILTERS.equal);
const RANGE_FILTERS = new Set<string>(SUPPORTED_FILTERS.range);
const MATCH_FILTERS = new Set<string>(SUPPORTED_FILTERS.notServed);

function argumentValue(node: ValueNode, variables: Record<string, unknown>): unknown {
  return valueFromASTUntyped(node, variables);
}

function checkFilter(walk: Walk, value: unknown): void {
  if (typeof value !== "object" || value === null) return;
  for (const [field, condition] of Object.entries(value as Record<string, unknown>)) {
    const operators = typeof condition === "object" && condition !== null ? Object.keys(condition) : [];
    const known = walk.options.attributeCodes ? walk.options.attributeCodes.includes(field) : !MATCH_FILTERS.has(field);
    if (RANGE_FILTERS.has(field)) {
      if (operators.some((op) => op !== "from" && op !== "to")) walk.unsupported.push(`products(filter.${field})`);
    } else if (MATCH_FILTERS.has(field) || operators.includes("match") || !(EQUAL_FILTERS.has(field) || known)) {
      walk.unsupported.push(`products(filter.${field})`);
    } else if (operators.some((op) => op !== "eq" && op !== "in")) {
      walk.unsupported.push(`products(filter.${field})`);
    }
  }
}

function checkArguments(walk: Walk, node: FieldNode, path: string): void {
  const allowed = SUPPORTED_ARGUMENTS[path] ?? [];
  for (const argument of node.arguments ?? []) {
    if (!allowed.includes(argument.name.value)) walk.unsupported.push(`${path}(${argument.name.value})`);
    else if (path === "products" && argument.name.value === "filter") checkFilter(walk, argumentValue(argument.value, walk.variables));
  }
}

function checkSelection(walk: Walk, selectionSet: SelectionSetNode, spec: SelectionSpec, path: string, visiting: Set<string>): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      checkSelection(walk, selection.selectionSet, spec, path, visiting);
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = walk.fragments.get(selection.name.value);
      if (!fragment || visiting.has(fragment.name.value)) continue;
      checkSelection(walk, fragment.selectionSet, spec, path, new Set([...visiting, fragment.name.value]));
      continue;
    }
    const name = selection.name.value;
    if (name === "__typename") continue;
    const fieldPath = path ? `${path}.${name}` : name;
    const sub = spec[name];
    if (sub === undefined) {
      walk.unsupported.push(path ? fieldPath : `root field ${name}`);
      continue;
    }
    checkArguments(walk, selection, fieldPath);
    if (sub !== true && selection.selectionSet) checkSelection(walk, selection.selectionSet, sub, fieldPath, visiting);
  }
}

/**
 * Everything in the operation this service does not answer, e.g. `["products.items.media_gallery"]`,
 * `["mutation"]`, `["root field cart"]`, `["products(filter.name)"]`; empty when it answers it all.
 * A document without the named operation (or with several and no name) is `["operation"]`.
 */
export function findUnsupported(document: DocumentNode | string, options: CheckOptions = {}): string[] {
  const parsed = typeof document === "string" ? parse(document) : document;
  const operation = getOperationAST(parsed, options.operationName ?? undefined);
  if (!operation) return ["operation"];
  if (operation.operation !== "query") return [operation.operation];
  const fragments = new Map(parsed.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const walk: Walk = { fragments, variables: options.variables ?? {}, options, unsupported: [] };
  checkSelection(walk, operation.selectionSet, SUPPORTED_ROOT_FIELDS, "", new Set());
  return [...new Set(walk.unsupported)];
}
