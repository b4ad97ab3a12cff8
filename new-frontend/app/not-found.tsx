// Magento's 404: the `no-route` CMS page inside the usual frame.
import type { Metadata } from "next";
import { PageFrame } from "../components/frame/page-frame.tsx";
import { getCmsPage } from "../lib/magento.ts";
import { sanitizeCmsHtml } from "../lib/sanitize.ts";

export const metadata: Metadata = { title: "404 Not Found", robots: "NOINDEX,NOFOLLOW" };

export default async function NotFound() {
  const page = process.env.NEXT_PHASE === "phase-production-build" ? undefined : await getCmsPage("no-route").catch(() => undefined);
  return (
    <PageFrame bodyClass="cms-no-route cms-page-view">
      <div className="page-title-wrapper">
        <h1 className="page-title"><span className="base">{page?.contentHeading || "Whoops, our bad..."}</span></h1>
      </div>
      <div className="columns">
        <div className="column main" dangerouslySetInnerHTML={{ __html: page ? sanitizeCmsHtml(page.contentHtml) : "<p>The page you requested was not found.</p>" }} />
      </div>
    </PageFrame>
  );
}
