// The same catalog URLs WITH a query string (filters, sort, page: `?color=49&p=2`), rewritten here by
// proxy.ts as /strangler-listing/<store>/<path>. Rendered per request; the data still comes from the
// adapters' cache.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { buildCatalogMetadata, renderCatalogPage } from "../../../../components/pages/catalog-page.tsx";
import { toRequestPath } from "../../../../lib/page-target.ts";
import { toSearchParams, type RawSearchParams } from "../../../../lib/search-params.ts";
import { enterStoreView } from "../../../../lib/store-view.ts";

interface Props {
  params: Promise<{ store: string; slug: string[] }>;
  searchParams: Promise<RawSearchParams>;
}

async function enter(params: Props["params"]): Promise<string> {
  const { store, slug } = await params;
  if (!enterStoreView(store)) notFound();
  return toRequestPath(slug);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return buildCatalogMetadata({ path: await enter(params), query: new URLSearchParams() });
}

export default async function ListingRoute({ params, searchParams }: Props) {
  return renderCatalogPage({ path: await enter(params), query: toSearchParams(await searchParams) });
}
