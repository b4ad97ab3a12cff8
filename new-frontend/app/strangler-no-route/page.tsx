// Magento's 404 page as real, server-rendered HTML: proxy.ts rewrites every URL Magento does not know
// here and sets the status to 404 (a notFound() page would be an empty shell painted by JavaScript,
// vercel/next.js#62228, which crawlers may not run). Rendered per request (a static page would be
// prerendered at build time, without Magento), in the request's store view; the CMS page itself comes
// from the adapters' cache.
import { NoRoutePage, noRouteMetadata } from "../../components/pages/no-route-page.tsx";
import { enterRequestStoreView } from "../../lib/request-store.ts";

export const dynamic = "force-dynamic";
export const metadata = noRouteMetadata;

export default async function NoRouteRoute() {
  await enterRequestStoreView();
  return <NoRoutePage />;
}
