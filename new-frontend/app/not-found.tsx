// Magento's 404: the `no-route` CMS page inside the usual frame.
import type { Metadata } from "next";
import { PageFrame } from "../components/frame/page-frame.tsx";
import { getCmsPage } from "../lib/magento.ts";
import { sanitizeCmsHtml } from "../lib/sanitize.ts";

export const metadata: Metadata = { title: "404 Not Found", robots: "NOINDEX,NOFOLLOW" };

export default async function NotFound() {
  const page = process.env.NEXT_PHASE === "phase-production-build" ? undefined : await getCmsPage("no-route").catch(() => undefined);
  return (
    <PageFrame bodyClass="cms-no-route cms-noroute-index page-layout-2columns-right" heading={page?.contentHeading || "Whoops, our bad..."}>
      <div className="columns">
        <div className="column main" dangerouslySetInnerHTML={{ __html: page ? sanitizeCmsHtml(page.contentHtml) : "<p>The page you requested was not found.</p>" }} />
      </div>
    </PageFrame>
  );
}
