import type { Aggregation, Category, ProductListing } from "../../catalog/types.ts";
import type { GraphQlContext, ResolverMap } from "../context.ts";
import { GraphQlInputError, GraphQlNoSuchEntityError } from "../../errors.ts";
import { readProductsArgs, type ProductsArgs } from "./product-query-input.ts";
import { toProductView } from "./product-view.ts";
import { toCategoryView } from "./category-view.ts";
import { findCategories, type CategoryFilters } from "./category-filters.ts";

/** products, categories, categoryList and the deprecated category query. */
export const catalogQueryResolvers: ResolverMap = {
  "Query.products": (_source, args, context) => {
    const query = readProductsArgs(context.catalog, args as ProductsArgs);
    const listing = context.catalog.listProducts(query);
    if (listing.totalCount > 0 && listing.currentPage > listing.totalPages) {
      throw new GraphQlInputError(`currentPage value ${listing.currentPage} specified is greater than the ${listing.totalPages} page(s) available.`);
    }
    context.cacheTags.add("cat_p");
    return toProductsView(listing, context, query.search !== undefined, query.filters?.find((f) => f.field === "category_id")?.eq);
  },
  "Query.categories": (_source, args, context) => {
    const { filters, pageSize = 20, currentPage = 1 } = args as { filters?: CategoryFilters; pageSize?: number; currentPage?: number };
    if (pageSize < 1) throw new GraphQlInputError("pageSize value must be greater than 0.");
    if (currentPage < 1) throw new GraphQlInputError("currentPage value must be greater than 0.");
    const found = findCategories(context.catalog, filters);
    const totalPages = Math.ceil(found.length / pageSize);
    if (found.length > 0 && currentPage > totalPages) {
      throw new GraphQlInputError(`currentPage value ${currentPage} specified is greater than the ${totalPages} page(s) available.`);
    }
    const page = found.slice((currentPage - 1) * pageSize, currentPage * pageSize);
    return {
      items: page.map((c) => toCategoryView(c, context)), total_count: found.length,
      page_info: { current_page: currentPage, page_size: pageSize, total_pages: totalPages },
    };
  },
  "Query.categoryList": (_source, args, context) =>
    findCategories(context.catalog, (args as { filters?: CategoryFilters }).filters).map((c) => toCategoryView(c, context)),
  "Query.category": (_source, args, context) => {
    const id = (args as { id?: number | null }).id ?? context.catalog.rootCategoryId;
    const category = context.catalog.getCategoryById(id);
    if (!category || !category.isActive || !category.path.includes(context.catalog.rootCategoryId)) {
      throw new GraphQlNoSuchEntityError("Category doesn't exist");
    }
    return toCategoryView(category, context);
  },
};

function toProductsView(listing: ProductListing, context: GraphQlContext, searching: boolean, categoryId: string | undefined) {
  return {
    items: listing.items.map((p) => toProductView(p, context)),
    total_count: listing.totalCount,
    page_info: { current_page: listing.currentPage, page_size: listing.pageSize, total_pages: listing.totalPages },
    aggregations: (args: { filter?: { category?: { includeDirectChildrenOnly?: boolean } } }) => {
      const directOnly = args.filter?.category?.includeDirectChildrenOnly === true;
      return listing.aggregations.map((a) => toAggregationView(restrictCategories(context, a, directOnly ? categoryId : undefined)));
    },
    filters: () => listing.aggregations.map((a) => ({
      name: a.label, request_var: a.attributeCode === "category_uid" ? "cat" : a.attributeCode, filter_items_count: a.options.length,
      filter_items: a.options.map((o) => ({ __typename: "LayerFilterItem", label: o.label, value_string: o.value, items_count: o.count })),
    })),
    sort_fields: {
      default: searching ? "relevance" : "position",
      options: [
        ...(searching ? [{ label: "Relevance", value: "relevance" }] : []),
        { label: "Position", value: "position" }, { label: "Product Name", value: "name" }, { label: "Price", value: "price" },
      ],
    },
    suggestions: [],
  };
}

function toAggregationView(aggregation: Aggregation) {
  return {
    attribute_code: aggregation.attributeCode, label: aggregation.label, count: aggregation.options.length,
    position: aggregation.position, options: aggregation.options.map((o) => ({ label: o.label, value: o.value, count: o.count })),
  };
}

/** includeDirectChildrenOnly: category options limited to the filtered category's children. */
function restrictCategories(context: GraphQlContext, aggregation: Aggregation, categoryId: string | undefined): Aggregation {
  if (aggregation.attributeCode !== "category_uid" || categoryId === undefined) return aggregation;
  const children = new Set(context.catalog.getChildren(Number(categoryId)).map((c: Category) => c.uid));
  return { ...aggregation, options: aggregation.options.filter((o) => children.has(o.value)) };
}

