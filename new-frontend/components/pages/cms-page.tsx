import type { CmsPage } from "@strangler/adapters";
import { PageFrame } from "../frame/page-frame.tsx";
import { sanitizeCmsHtml } from "../../lib/sanitize.ts";

export function CmsPageView({ page }: { page: CmsPage }) {
  const heading = page.contentHeading || page.title;
  return (
    <PageFrame bodyClass={`cms-${page.identifier.replace(/[^a-z0-9-]/gi, "-")} cms-page-view page-layout-1column`} heading={heading} breadcrumbs={[{ label: page.title, key: "cms_page" }]}>
      <div className="columns">
        <div className="column main" dangerouslySetInnerHTML={{ __html: sanitizeCmsHtml(page.contentHtml) }} />
      </div>
    </PageFrame>
  );
}
