// Magento catalog URLs without a query string: statically rendered on first visit, then served from
// Next's cache (ISR) until `revalidate` seconds pass or /api/revalidate drops one of the page's tags.
import type { Metadata } from "next";
import { buildCatalogMetadata, renderCatalogPage } from "../../components/pages/catalog-page.tsx";
import { toRequestPath } from "../../lib/page-target.ts";

export const revalidate = 300;
export const dynamicParams = true;

export function generateStaticParams(): { slug?: string[] }[] {
  // Nothing at build time: `next build` must not need Magento. Pages render on first request.
  return [];
}

interface Props {
  // Optional catch-all: `/` (Magento's home CMS page) comes with no slug.
  params: Promise<{ slug?: string[] }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return buildCatalogMetadata({ path: toRequestPath((await params).slug ?? []), query: new URLSearchParams() });
}

export default async function CatalogRoute({ params }: Props) {
  return renderCatalogPage({ path: toRequestPath((await params).slug ?? []), query: new URLSearchParams() });
}
