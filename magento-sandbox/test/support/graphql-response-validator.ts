/**
 * Checks a GraphQL response against the Magento 2.4.8 schema by walking the query's selection:
 * every selected field present (and no other), non-null fields never null, lists are arrays,
 * scalars and enums of the declared type, `__typename` a possible type of the field's type,
 * errors in Magento's shape. Reusable: the journey and contract tests import it too.
 */
import {
  getNamedType, getNullableType, GraphQLEnumType, GraphQLList, GraphQLNonNull, isAbstractType,
  isLeafType, Kind, parse, typeFromAST, getOperationAST, valueFromAST, SchemaMetaFieldDef, TypeMetaFieldDef,
  type DirectiveNode, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLObjectType,
  type GraphQLOutputType, type GraphQLScalarType, type GraphQLSchema, type SelectionSetNode,
} from "graphql";
import { loadMagentoSchema } from "../../src/graphql/schema.ts";

export const MAGENTO_ERROR_CATEGORIES = new Set([
  "graphql", "graphql-input", "graphql-no-such-entity", "graphql-authorization", "graphql-authentication", "graphql-already-exists", "internal",
]);

export interface ValidateOptions {
  variables?: Record<string, unknown>;
  operationName?: string;
  /** Default: the 2.4.8 introspection schema. */
  schema?: GraphQLSchema;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  problems: string[];
}

/** Every way the response departs from the schema; empty when it conforms. */
export function findSchemaProblems(query: string | DocumentNode, response: unknown, options: ValidateOptions = {}): string[] {
  const schema = options.schema ?? loadMagentoSchema();
  const problems: string[] = [];
  let document: DocumentNode;
  try {
    document = typeof query === "string" ? parse(query) : query;
  } catch {
    // An unparsable query can only be answered by errors.
    const body = response as { data?: unknown; errors?: unknown } | null;
    if (body?.data !== undefined && body.data !== null) problems.push("an unparsable query must not return data");
    checkErrors(body?.errors, problems);
    return problems;
  }
  if (typeof response !== "object" || response === null || Array.isArray(response)) return ["response is not a JSON object"];
  const body = response as Record<string, unknown>;
  for (const key of Object.keys(body)) if (!["data", "errors", "extensions"].includes(key)) problems.push(`unexpected top-level key "${key}"`);
  if (body.errors !== undefined) checkErrors(body.errors, problems);
  if (!("data" in body) && body.errors === undefined) problems.push('neither "data" nor "errors" present');
  const operation = getOperationAST(document, options.operationName);
  if (!operation) return [...problems, "query has no matching operation"];
  const rootType = operation.operation === "mutation" ? schema.getMutationType() : operation.operation === "subscription" ? schema.getSubscriptionType() : schema.getQueryType();
  if (!rootType) return [...problems, `schema has no ${operation.operation} type`];
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const walk: Walk = { schema, fragments, variables: options.variables ?? {}, problems };
  if (body.data !== undefined && body.data !== null) checkObject(walk, operation.selectionSet, rootType, body.data, ["data"]);
  return problems;
}

/** Throws with every problem listed, for tests. */
export function assertConformsToSchema(query: string | DocumentNode, response: unknown, options: ValidateOptions = {}): void {
  const problems = findSchemaProblems(query, response, options);
  if (problems.length > 0) throw new Error(`GraphQL response does not conform to the Magento 2.4.8 schema:\n- ${problems.join("\n- ")}`);
}

function checkErrors(errors: unknown, problems: string[]): void {
  if (!Array.isArray(errors) || errors.length === 0) {
    problems.push('"errors" must be a non-empty array');
    return;
  }
  errors.forEach((error: unknown, index) => {
    const where = `errors[${index}]`;
    if (typeof error !== "object" || error === null) return void problems.push(`${where} is not an object`);
    const e = error as Record<string, unknown>;
    if (typeof e.message !== "string" || e.message === "") problems.push(`${where}.message must be a non-empty string`);
    if (e.locations !== undefined && !(Array.isArray(e.locations) && e.locations.every((l: unknown) => isLocation(l)))) problems.push(`${where}.locations must be [{line, column}]`);
    if (e.path !== undefined && !(Array.isArray(e.path) && e.path.every((p: unknown) => typeof p === "string" || Number.isInteger(p)))) problems.push(`${where}.path must hold strings and integers`);
    const category = (e.extensions as { category?: unknown } | undefined)?.category;
    if (typeof category !== "string" || !MAGENTO_ERROR_CATEGORIES.has(category)) problems.push(`${where}.extensions.category ${JSON.stringify(category)} is not a Magento category`);
  });
}

function isLocation(value: unknown): boolean {
  const l = value as { line?: unknown; column?: unknown } | null;
  return typeof l === "object" && l !== null && Number.isInteger(l.line) && Number.isInteger(l.column);
}

function checkObject(walk: Walk, selectionSet: SelectionSetNode, type: GraphQLCompositeType, value: unknown, path: (string | number)[]): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return void walk.problems.push(`${formatPath(path)}: expected an object of ${type.name}`);
  const object = value as Record<string, unknown>;
  let runtime: GraphQLCompositeType = type;
  if (typeof object.__typename === "string") {
    const named = walk.schema.getType(object.__typename);
    const possible = isAbstractType(type) ? walk.schema.getPossibleTypes(type).some((t) => t.name === object.__typename) : type.name === object.__typename;
    if (!named || !possible) walk.problems.push(`${formatPath(path)}.__typename "${object.__typename}" is not a possible type of ${type.name}`);
    else runtime = named as GraphQLObjectType;
  }
  const fields = collectFields(walk, selectionSet, runtime, type);
  for (const key of Object.keys(object)) if (!fields.has(key)) walk.problems.push(`${formatPath([...path, key])}: not selected in the query`);
  for (const [key, { node, parent }] of fields) {
    if (!(key in object)) {
      // A field of a fragment on another concrete type is absent when the runtime type is unknown.
      if (parent === type || !isAbstractType(type) || runtime !== type) walk.problems.push(`${formatPath([...path, key])}: missing`);
      continue;
    }
    if (node.name.value === "__typename") {
      if (typeof object[key] !== "string") walk.problems.push(`${formatPath([...path, key])}: __typename must be a string`);
      continue;
    }
    const field = findField(walk.schema, parent, node.name.value);
    if (!field) {
      walk.problems.push(`${formatPath([...path, key])}: ${parent.name} has no field ${node.name.value}`);
      continue;
    }
    checkValue(walk, node, field.type, object[key], [...path, key]);
  }
}

/** Schema fields plus the introspection entry points on the query root. */
function findField(schema: GraphQLSchema, parent: GraphQLCompositeType, name: string) {
  if (parent === schema.getQueryType()) {
    if (name === "__schema") return SchemaMetaFieldDef;
    if (name === "__type") return TypeMetaFieldDef;
  }
  return "getFields" in parent ? parent.getFields()[name] : undefined;
}

function checkValue(walk: Walk, node: FieldNode, type: GraphQLOutputType, value: unknown, path: (string | number)[]): void {
  if (value === null) {
    if (type instanceof GraphQLNonNull) walk.problems.push(`${formatPath(path)}: null for non-null ${type.toString()}`);
    return;
  }
  const nullable = getNullableType(type);
  if (nullable instanceof GraphQLList) {
    if (!Array.isArray(value)) return void walk.problems.push(`${formatPath(path)}: expected a list for ${type.toString()}`);
    value.forEach((item, index) => checkValue(walk, node, nullable.ofType as GraphQLOutputType, item, [...path, index]));
    return;
  }
  if (isLeafType(nullable)) return checkLeaf(walk, nullable, value, path);
  if (!node.selectionSet) return void walk.problems.push(`${formatPath(path)}: composite type without selection`);
  checkObject(walk, node.selectionSet, getNamedType(nullable) as GraphQLCompositeType, value, path);
}

function checkLeaf(walk: Walk, type: GraphQLScalarType | GraphQLEnumType, value: unknown, path: (string | number)[]): void {
  const where = formatPath(path);
  if (type instanceof GraphQLEnumType) {
    if (typeof value !== "string" || !type.getValue(value)) walk.problems.push(`${where}: ${JSON.stringify(value)} is not a value of enum ${type.name}`);
    return;
  }
  const ok: Record<string, (v: unknown) => boolean> = {
    Int: (v) => Number.isInteger(v) && Math.abs(v as number) <= 2 ** 31,
    Float: (v) => typeof v === "number" && Number.isFinite(v),
    String: (v) => typeof v === "string",
    Boolean: (v) => typeof v === "boolean",
    ID: (v) => typeof v === "string",
  };
  const check = ok[type.name];
  if (check && !check(value)) walk.problems.push(`${where}: ${JSON.stringify(value)} is not a ${type.name}`);
}

interface Collected { node: FieldNode; parent: GraphQLCompositeType }

/** Fields by response key, following fragments that apply to the runtime (or static) type. */
function collectFields(walk: Walk, selectionSet: SelectionSetNode, runtime: GraphQLCompositeType, declared: GraphQLCompositeType, into = new Map<string, Collected>(), parent: GraphQLCompositeType = declared): Map<string, Collected> {
  for (const selection of selectionSet.selections) {
    if (!isIncluded(walk, selection.directives ?? [])) continue;
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      if (!into.has(key)) into.set(key, { node: selection, parent });
      continue;
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : walk.fragments.get(selection.name.value);
    if (!fragment) continue;
    const condition = fragment.typeCondition ? (typeFromAST(walk.schema, fragment.typeCondition) as GraphQLCompositeType | undefined) : parent;
    if (!condition || !appliesTo(walk.schema, condition, runtime)) continue;
    collectFields(walk, fragment.selectionSet, runtime, declared, into, condition);
  }
  return into;
}

function appliesTo(schema: GraphQLSchema, condition: GraphQLCompositeType, runtime: GraphQLCompositeType): boolean {
  if (condition.name === runtime.name) return true;
  if (isAbstractType(condition)) return isAbstractType(runtime) ? true : schema.isSubType(condition, runtime as GraphQLObjectType);
  // A concrete condition under a still-abstract runtime type: its fields may or may not be there.
  return isAbstractType(runtime) && schema.isSubType(runtime, condition as GraphQLObjectType);
}

function isIncluded(walk: Walk, directives: readonly DirectiveNode[]): boolean {
  for (const directive of directives) {
    const arg = directive.arguments?.find((a) => a.name.value === "if");
    if (!arg) continue;
    const value = valueFromAST(arg.value, new GraphQLNonNull(walk.schema.getType("Boolean") as GraphQLScalarType), walk.variables);
    if (directive.name.value === "skip" && value === true) return false;
    if (directive.name.value === "include" && value === false) return false;
  }
  return true;
}

function formatPath(path: (string | number)[]): string {
  return path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("").replace(/^\./, "");
}
