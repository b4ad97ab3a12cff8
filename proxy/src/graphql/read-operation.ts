// A GraphQL document → the one operation a request runs, as the plans compare it (GraphqlOperation): its
// type, name and root fields with the arguments that carry a value. Fragments spread at the root are
// expanded; anything that leaves the operation ambiguous (several operations and no name, an unknown
// fragment, a fragment cycle) makes it unreadable, and the request goes to the plan's fallback.
import type { DocumentNode, FragmentDefinitionNode, OperationDefinitionNode, SelectionSetNode, ValueNode } from "graphql";
import type { GraphqlOperation, GraphqlRootField } from "@strangler/migration-plans";

export type ReadOperation = { ok: true; operation: GraphqlOperation } | { ok: false; problem: string };

/** The request's variables, as sent (JSON object), or undefined. */
export type Variables = Readonly<Record<string, unknown>> | undefined;

export function readOperation(document: DocumentNode, operationName: string | undefined, variables: Variables): ReadOperation {
  const operations: OperationDefinitionNode[] = [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === "OperationDefinition") operations.push(definition);
    else if (definition.kind === "FragmentDefinition") fragments.set(definition.name.value, definition);
  }
  const operation = operationName === undefined
    ? (operations.length === 1 ? operations[0] : undefined)
    : operations.find((candidate) => candidate.name?.value === operationName);
  if (operation === undefined) {
    return { ok: false, problem: operationName === undefined ? `${operations.length} operations and no operationName` : `no operation named ${operationName}` };
  }
  const defaults = new Map<string, boolean>();
  for (const definition of operation.variableDefinitions ?? []) {
    defaults.set(definition.variable.name.value, definition.defaultValue !== undefined && definition.defaultValue.kind !== "NullValue");
  }
  const hasValue = (value: ValueNode): boolean => {
    if (value.kind === "NullValue") return false;
    if (value.kind !== "Variable") return true;
    const given = variables?.[value.name.value];
    return given === undefined ? defaults.get(value.name.value) === true : given !== null;
  };
  const rootFields: GraphqlRootField[] = [];
  const problem = collectRootFields(operation.selectionSet, fragments, new Set(), rootFields, hasValue);
  if (problem !== undefined) return { ok: false, problem };
  return { ok: true, operation: { type: operation.operation, name: operation.name?.value, rootFields } };
}

function collectRootFields(
  selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, spread: Set<string>,
  into: GraphqlRootField[], hasValue: (value: ValueNode) => boolean,
): string | undefined {
  for (const selection of selectionSet.selections) {
    if (selection.kind === "Field") {
      if (selection.name.value === "__typename") continue;
      const args = (selection.arguments ?? []).filter((arg) => hasValue(arg.value)).map((arg) => arg.name.value);
      into.push({ name: selection.name.value, arguments: args });
      continue;
    }
    let inner: SelectionSetNode;
    if (selection.kind === "InlineFragment") {
      inner = selection.selectionSet;
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (fragment === undefined) return `unknown fragment ${name}`;
      if (spread.has(name)) return `fragment ${name} spreads itself`;
      spread.add(name);
      inner = fragment.selectionSet;
    }
    const problem = collectRootFields(inner, fragments, spread, into, hasValue);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
