// Magento catalog URLs without a query string, rewritten here by proxy.ts as /strangler-store/<store>/<path>:
// statically rendered on first visit, then served from Next's cache (ISR) until `revalidate` seconds pass
// or /api/revalidate drops one of the page's tags. The store is in the path, so Next caches each store
// view's page apart (`default` and `fr` never share one), and so is a switched currency's
// (`default~EUR~0`, lib/shopper-context.ts).
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { buildCatalogMetadata, renderCatalogPage } from "../../../../components/pages/catalog-page.tsx";
import { toRequestPath } from "../../../../lib/page-target.ts";
import { currentShopper, enterStoreView } from "../../../../lib/store-view.ts";

export const revalidate = 300;
export const dynamicParams = true;

export function generateStaticParams(): { store: string; slug?: string[] }[] {
  // Nothing at build time: `next build` must not need Magento. Pages render on first request.
  return [];
}

interface Props {
  // Optional catch-all: `/` (Magento's home CMS page) comes with no slug.
  params: Promise<{ store: string; slug?: string[] }>;
}

async function enter(params: Props["params"]): Promise<string> {
  const { store, slug } = await params;
  // A customer group's page is priced with the shopper's session, so it is rendered per request
  // (strangler-listing), never cached here for everyone who can name its path.
  if (!enterStoreView(store) || currentShopper().customerGroup !== "0") notFound();
  return toRequestPath(slug ?? []);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return buildCatalogMetadata({ path: await enter(params), query: new URLSearchParams() });
}

export default async function CatalogRoute({ params }: Props) {
  return renderCatalogPage({ path: await enter(params), query: new URLSearchParams() });
}
