import type { GraphQLFieldResolver, GraphQLTypeResolver } from "graphql";
import type { GraphQlContext, ResolverMap } from "./context.ts";
import { GraphQlNotImplementedError } from "../errors.ts";

/**
 * Resolution order: a resolver for `Type.field`, else the property of a plain source object
 * (a function property is called with the args, as graphql-js does). A field with neither
 * is not implemented and errors, so a client never mistakes a gap for a real null.
 */
export function createFieldResolver(resolvers: ResolverMap): GraphQLFieldResolver<unknown, GraphQlContext> {
  return (source, args, context, info) => {
    const resolver = resolvers[`${info.parentType.name}.${info.fieldName}`];
    if (resolver) return resolver(source, args, context, info);
    if (info.fieldName === "__typename") return info.parentType.name;
    const value = typeof source === "object" && source !== null ? (source as Record<string, unknown>)[info.fieldName] : undefined;
    // `undefined` is a gap (a reshape that forgot the field); a real "no value" is written as null.
    if (value !== undefined) {
      return typeof value === "function" ? (value as (a: unknown, c: unknown, i: unknown) => unknown)(args, context, info) : value;
    }
    throw new GraphQlNotImplementedError(`${info.parentType.name}.${info.fieldName}`);
  };
}

/** Abstract types (ProductInterface, RoutableInterface…) resolve by the value's __typename. */
export const resolveTypeByTypename: GraphQLTypeResolver<unknown, GraphQlContext> = (value, _context, info) => {
  const typename = typeof value === "object" && value !== null ? (value as { __typename?: unknown }).__typename : undefined;
  if (typeof typename === "string") return typename;
  throw new GraphQlNotImplementedError(`${info.parentType.name}.${info.fieldName} (${info.returnType.toString()} without __typename)`);
};
