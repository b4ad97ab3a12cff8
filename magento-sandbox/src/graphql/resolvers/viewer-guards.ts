import type { GraphQlContext } from "../context.ts";
import { GraphQlAuthorizationError, GraphQlInputError } from "../../errors.ts";

/** The signed-in customer's id, or Magento's authorization error. */
export function requireCustomer(context: GraphQlContext): number {
  const id = context.viewer.customerId;
  if (id === undefined) throw new GraphQlAuthorizationError("The current customer isn't authorized.");
  return id;
}

/** A required string input, with Magento's "Required parameter" message when empty. */
export function requireString(value: unknown, name: string): string {
  if (typeof value !== "string" || value.trim() === "") throw new GraphQlInputError(`Required parameter "${name}" is missing`);
  return value;
}

/** An `input` object argument (mutations take `input: {...}`). */
export function readInput(args: Record<string, unknown>): Record<string, unknown> {
  const input = args.input;
  if (typeof input !== "object" || input === null) throw new GraphQlInputError('Required parameter "input" is missing');
  return input as Record<string, unknown>;
}
