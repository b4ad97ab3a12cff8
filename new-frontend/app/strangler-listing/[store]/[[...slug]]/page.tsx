// The same catalog URLs WITH a query string (filters, sort, page: `?color=49&p=2`), and every page of a
// signed-in customer group (home included, so the slug is optional), rewritten here by proxy.ts as
// /strangler-listing/<scope>/<path>. Rendered per request; the data still comes from the adapters' cache,
// a group's under that group's key, loaded with the shopper's own Magento session (lib/request-store.ts).
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { buildCatalogMetadata, renderCatalogPage } from "../../../../components/pages/catalog-page.tsx";
import { toRequestPath } from "../../../../lib/page-target.ts";
import { toSearchParams, type RawSearchParams } from "../../../../lib/search-params.ts";
import { enterStoreView } from "../../../../lib/store-view.ts";
import { requireShopperSession } from "../../../../lib/request-store.ts";

interface Props {
  params: Promise<{ store: string; slug?: string[] }>;
  searchParams: Promise<RawSearchParams>;
}

async function enter(params: Props["params"]): Promise<string> {
  const { store, slug } = await params;
  if (!enterStoreView(store)) notFound();
  await requireShopperSession();
  return toRequestPath(slug ?? []);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return buildCatalogMetadata({ path: await enter(params), query: new URLSearchParams() });
}

export default async function ListingRoute({ params, searchParams }: Props) {
  return renderCatalogPage({ path: await enter(params), query: toSearchParams(await searchParams) });
}
