import type { CmsPage } from "@strangler/adapters";
import { PageFrame } from "../frame/page-frame.tsx";
import { sanitizeCmsHtml } from "../../lib/sanitize.ts";

/** A CMS page; the home page (`isHome`) has no breadcrumbs and a title only when it has a content heading, as in Luma. */
export function CmsPageView({ page, isHome = false }: { page: CmsPage; isHome?: boolean }) {
  const heading = page.contentHeading || (isHome ? undefined : page.title);
  const bodyClass = isHome ? "cms-home cms-index-index page-layout-1column" : `cms-${page.identifier.replace(/[^a-z0-9-]/gi, "-")} cms-page-view page-layout-1column`;
  return (
    <PageFrame bodyClass={bodyClass} {...(heading ? { heading } : {})} breadcrumbs={isHome ? [] : [{ label: page.title, key: "cms_page" }]}>
      <div className="columns">
        <div className="column main">
          <div className="cms-content" dangerouslySetInnerHTML={{ __html: sanitizeCmsHtml(page.contentHtml) }} />
        </div>
      </div>
    </PageFrame>
  );
}
