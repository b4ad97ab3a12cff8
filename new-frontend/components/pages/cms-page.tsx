import type { CmsPage } from "@strangler/adapters";
import { PageFrame } from "../frame/page-frame.tsx";
import { Breadcrumbs } from "../frame/breadcrumbs.tsx";
import { sanitizeCmsHtml } from "../../lib/sanitize.ts";

export function CmsPageView({ page }: { page: CmsPage }) {
  const heading = page.contentHeading || page.title;
  return (
    <PageFrame bodyClass={`cms-page-view cms-${page.identifier.replace(/[^a-z0-9-]/gi, "-")}`} beforeMain={<Breadcrumbs items={[{ label: page.title }]} />}>
      {heading ? (
        <div className="page-title-wrapper">
          <h1 className="page-title"><span className="base" data-ui-id="page-title-wrapper">{heading}</span></h1>
        </div>
      ) : null}
      <div className="columns">
        <div className="column main" dangerouslySetInnerHTML={{ __html: sanitizeCmsHtml(page.contentHtml) }} />
      </div>
    </PageFrame>
  );
}
