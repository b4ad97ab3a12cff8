// The same catalog URLs WITH a query string (filters, sort, page: `?color=49&p=2`), rewritten here by
// proxy.ts. Rendered per request; the data still comes from the adapters' cache.
import type { Metadata } from "next";
import { buildCatalogMetadata, renderCatalogPage } from "../../../components/pages/catalog-page.tsx";
import { toRequestPath } from "../../../lib/page-target.ts";
import { toSearchParams, type RawSearchParams } from "../../../lib/search-params.ts";

interface Props {
  params: Promise<{ slug: string[] }>;
  searchParams: Promise<RawSearchParams>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return buildCatalogMetadata({ path: toRequestPath((await params).slug), query: new URLSearchParams() });
}

export default async function ListingRoute({ params, searchParams }: Props) {
  return renderCatalogPage({ path: toRequestPath((await params).slug), query: toSearchParams(await searchParams) });
}
