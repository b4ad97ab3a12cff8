// MagentoProducts (the `products` answer) → ProductListing. An item that fails its shape check is
// dropped (reported through `onDropped`), so one broken product cannot take a whole category page
// down; a broken envelope (no total, no page info) is a MagentoShapeError.
import { z } from "zod";
import type { ProductListing, SearchResult } from "../domain/listing.ts";
import type { ProductSummary } from "../domain/product.ts";
import { AdapterError } from "../errors.ts";
import { reshapeProductSummary } from "./reshape-product.ts";
import { numberField, parseShape, textField } from "./shape.ts";

const listingSchema = z.object({
  total_count: numberField,
  page_info: z.object({ current_page: numberField.nullish(), page_size: numberField.nullish(), total_pages: numberField.nullish() }).nullish(),
  aggregations: z.array(z.object({
    attribute_code: z.string().min(1),
    label: textField,
    options: z.array(z.object({ value: z.string(), label: textField, count: numberField.nullish() }).nullable()).nullish(),
  }).nullable()).nullish(),
  sort_fields: z.object({
    default: z.string().nullish(),
    options: z.array(z.object({ value: z.string().nullish(), label: textField }).nullable()).nullish(),
  }).nullish(),
  items: z.array(z.unknown()).nullish(),
  suggestions: z.array(z.object({ search: z.string() }).nullable()).nullish(),
});

export type MagentoProducts = z.input<typeof listingSchema>;

function reshapeItems(items: unknown[], onDropped: (error: AdapterError) => void): ProductSummary[] {
  return items.flatMap((item) => {
    try {
      return [reshapeProductSummary(item)];
    } catch (error) {
      if (!(error instanceof AdapterError)) throw error;
      onDropped(error);
      return [];
    }
  });
}

export function reshapeListing(raw: unknown, asked: { page: number; pageSize: number }, onDropped: (error: AdapterError) => void): ProductListing {
  const parsed = parseShape(listingSchema, raw, "product listing");
  const pageSize = parsed.page_info?.page_size ?? asked.pageSize;
  return {
    items: reshapeItems(parsed.items ?? [], onDropped),
    total: parsed.total_count,
    page: parsed.page_info?.current_page ?? asked.page,
    pageSize,
    pages: parsed.page_info?.total_pages ?? Math.ceil(parsed.total_count / Math.max(pageSize, 1)),
    facets: (parsed.aggregations ?? []).flatMap((facet) => facet ? [{
      code: facet.attribute_code,
      label: facet.label,
      options: (facet.options ?? []).flatMap((o) => (o ? [{ value: o.value, label: o.label, count: o.count ?? 0 }] : [])),
    }] : []),
    sortOptions: (parsed.sort_fields?.options ?? []).flatMap((o) => (o?.value ? [{ value: o.value, label: o.label }] : [])),
    defaultSort: parsed.sort_fields?.default ?? undefined,
  };
}

export function reshapeSearchResult(raw: unknown, text: string, asked: { page: number; pageSize: number }, onDropped: (error: AdapterError) => void): SearchResult {
  const listing = reshapeListing(raw, asked, onDropped);
  const suggestions = ((raw as MagentoProducts).suggestions ?? []).flatMap((s) => (s?.search ? [s.search] : []));
  return { ...listing, text, suggestions };
}
