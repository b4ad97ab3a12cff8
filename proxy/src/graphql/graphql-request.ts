// A GraphQL request as Magento accepts it → the operation it runs (read-operation.ts). A POST carries a
// JSON body `{ query, operationName?, variables? }`; a GET the same as `query=`, `operationName=` and
// `variables=` (JSON) parameters. A batch, a persisted query that sends only its hash, anything that does
// not parse: unreadable, and the request stays with the plan's fallback (Magento), which answers it.
import type { DocumentNode } from "graphql";
import { readOperation } from "./read-operation.ts";
import type { ReadOperation, Variables } from "./read-operation.ts";

/** graphql-js's `parse`, injected so a test can count the calls. */
export type ParseGraphql = (text: string) => DocumentNode;

export function readPostedOperation(body: Buffer, parse: ParseGraphql): ReadOperation {
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString("utf8"));
  } catch {
    return { ok: false, problem: "the body is not JSON" };
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return { ok: false, problem: "the body is not one JSON object (a batch?)" };
  const { query, operationName, variables } = payload as Record<string, unknown>;
  return readText(query, operationName, typeof variables === "string" ? parseVariables(variables) : variables, parse);
}

export function readQueryStringOperation(params: URLSearchParams, parse: ParseGraphql): ReadOperation {
  const variables = params.get("variables");
  return readText(params.get("query") ?? undefined, params.get("operationName") ?? undefined, variables === null ? undefined : parseVariables(variables), parse);
}

function readText(query: unknown, operationName: unknown, variables: unknown, parse: ParseGraphql): ReadOperation {
  // Automatic persisted queries send `extensions.persistedQuery.sha256Hash` and no text: Magento resolves it.
  if (typeof query !== "string" || query.length === 0) return { ok: false, problem: "no query text (a persisted query?)" };
  if (operationName !== undefined && operationName !== null && typeof operationName !== "string") return { ok: false, problem: "operationName is not a string" };
  if (variables === INVALID || (variables !== undefined && variables !== null && (typeof variables !== "object" || Array.isArray(variables)))) {
    return { ok: false, problem: "variables are not a JSON object" };
  }
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return { ok: false, problem: `the query does not parse: ${(error as Error).message}` };
  }
  return readOperation(document, operationName ?? undefined, (variables ?? undefined) as Variables);
}

const INVALID = Symbol("invalid variables");

function parseVariables(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return INVALID;
  }
}
