import type { ReactNode } from "react";
import { getNavigation, getStoreConfig } from "../../lib/magento.ts";
import { Header } from "./header.tsx";
import { Navigation } from "./navigation.tsx";
import { Footer } from "./footer.tsx";
import { Breadcrumbs, type Crumb } from "./breadcrumbs.tsx";
import { BodyClassScript, Messages, PrivateContentScript } from "./private-content.tsx";
import { ThemeStylesheets } from "./theme-stylesheets.tsx";

export interface FrameProps {
  /** Luma's body classes for this page type (`catalog-product-view`…). */
  bodyClass: string;
  /** The h1; omitted = no title block. */
  heading?: string;
  breadcrumbs?: Crumb[];
  searchText?: string;
  children: ReactNode;
}

/**
 * Luma's page frame, in the same structure and class names as the legacy storefront: header with the
 * customer links and minicart, the category menu, breadcrumbs, title, messages, main column, footer.
 */
export async function PageFrame({ bodyClass, heading, breadcrumbs, searchText, children }: FrameProps) {
  const [storeConfig, tree] = await Promise.all([getStoreConfig(), getNavigation()]);
  return (
    <div className="page-wrapper" data-body-class={bodyClass}>
      <ThemeStylesheets />
      <BodyClassScript value={bodyClass} />
      <Header {...(searchText === undefined ? {} : { searchText })} />
      <Navigation tree={tree} />
      {breadcrumbs && breadcrumbs.length > 0 ? <Breadcrumbs items={breadcrumbs} /> : null}
      <main id="maincontent" className="page-main">
        {heading ? (
          <div className="page-title-wrapper">
            <h1 className="page-title"><span className="base" data-ui-id="page-title-wrapper">{heading}</span></h1>
          </div>
        ) : null}
        <Messages />
        {children}
      </main>
      <Footer {...(storeConfig?.copyright ? { copyright: storeConfig.copyright } : {})} />
      <PrivateContentScript />
    </div>
  );
}
