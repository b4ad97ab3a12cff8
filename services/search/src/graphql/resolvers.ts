// Execution against the real 2.4.8 schema: `Query.products` runs the search; every other field is
// read from the shaped objects of product-view.ts (a function property is called with the field's
// arguments). A supported field with no value is a bug, so it errors instead of answering null.
import { Kind, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLTypeResolver, type SelectionSetNode } from "graphql";
import type { RelevanceConfig } from "../config/relevance-config.ts";
import type { CatalogMeta } from "../catalog/catalog-meta.ts";
import type { SearchEngine } from "../engine/engine.ts";
import { readProductsArgs, type ProductsArgs } from "../search/products-args.ts";
import { runSearch } from "../search/run-search.ts";
import type { TextAnalyzer } from "../text/analyzer.ts";
import { toProductsView } from "./product-view.ts";

export interface ResolverContext {
  engine: SearchEngine;
  meta: CatalogMeta;
  relevance: RelevanceConfig;
  analyzer: TextAnalyzer;
}

const FACET_FIELDS = new Set(["aggregations", "filters"]);

function selects(selectionSet: SelectionSetNode | undefined, info: GraphQLResolveInfo, names: Set<string>): boolean {
  return (selectionSet?.selections ?? []).some((selection) => {
    if (selection.kind === Kind.FIELD) return names.has(selection.name.value);
    if (selection.kind === Kind.INLINE_FRAGMENT) return selects(selection.selectionSet, info, names);
    return selects(info.fragments[selection.name.value]?.selectionSet, info, names);
  });
}

async function resolveProducts(args: ProductsArgs, context: ResolverContext, info: GraphQLResolveInfo) {
  const wantsFacets = info.fieldNodes.some((node) => selects(node.selectionSet, info, FACET_FIELDS));
  const request = readProductsArgs(args, context, wantsFacets);
  const answer = await runSearch(context.engine, request, context.meta, context.relevance);
  return toProductsView(answer, context.meta);
}

export const fieldResolver: GraphQLFieldResolver<unknown, ResolverContext> = (source, args, context, info) => {
  if (info.parentType.name === "Query" && info.fieldName === "products") return resolveProducts(args as ProductsArgs, context, info);
  if (info.fieldName === "__typename") return info.parentType.name;
  const value = typeof source === "object" && source !== null ? (source as Record<string, unknown>)[info.fieldName] : undefined;
  if (value === undefined) throw new Error(`${info.parentType.name}.${info.fieldName} has no value in the search service's answer`);
  return typeof value === "function" ? (value as (a: unknown, c: unknown, i: unknown) => unknown)(args, context, info) : value;
};

/** Abstract types (ProductInterface, CategoryInterface…) resolve by the value's __typename. */
export const typeResolver: GraphQLTypeResolver<unknown, ResolverContext> = (value) => (value as { __typename?: string }).__typename;
