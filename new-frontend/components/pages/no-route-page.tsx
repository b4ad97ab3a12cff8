// Magento's 404: the `no-route` CMS page inside the usual frame. Rendered by app/strangler-no-route
// (what proxy.ts answers 404 with, as real HTML) and by app/not-found.tsx (a notFound() in a page).
import type { Metadata } from "next";
import { PageFrame } from "../frame/page-frame.tsx";
import { getCmsPage } from "../../lib/magento.ts";
import { sanitizeCmsHtml } from "../../lib/sanitize.ts";

// No robots here: Next writes `noindex` into every 404 answer itself (two robots tags would disagree).
export const noRouteMetadata: Metadata = { title: "404 Not Found" };

export async function NoRoutePage() {
  const building = process.env.NEXT_PHASE === "phase-production-build";
  const page = building ? undefined : await getCmsPage("no-route").catch(() => undefined);
  return (
    <PageFrame bodyClass="cms-no-route cms-noroute-index page-layout-2columns-right" heading={page?.contentHeading || "Whoops, our bad..."}>
      <div className="columns">
        <div className="column main" dangerouslySetInnerHTML={{ __html: page ? sanitizeCmsHtml(page.contentHtml) : "<p>The page you requested was not found.</p>" }} />
      </div>
    </PageFrame>
  );
}
