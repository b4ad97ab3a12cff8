import type { CmsBlock, CmsPage } from "./types.ts";
import { readCsv } from "./csv.ts";

/** Magento core installs these before the sample data (ids 1–4); sample pages update or follow. */
const CORE_PAGES: Omit<CmsPage, "id">[] = [
  page("no-route", "404 Not Found", "Whoops, our bad...", "<dl><dt>The page you requested was not found, and we have a fine guess why.</dt><dd><ul class=\"disc\"><li>If you typed the URL directly, please make sure the spelling is correct.</li><li>If you clicked on a link to get here, the link is outdated.</li></ul></dd></dl>"),
  page("home", "Home Page", "", ""),
  page("enable-cookies", "Enable Cookies", "What are Cookies?", "<div class=\"enable-cookies cms-content\"><p>&quot;Cookies&quot; are little pieces of data we send when you visit our store.</p></div>"),
  page("privacy-policy-cookie-restriction-mode", "Privacy and Cookie Policy", "", ""),
];

/** Luma's home page is a CMS widget showing the home-page block. */
const HOME_CONTENT = '{{widget type="Magento\\Cms\\Block\\Widget\\Block" template="widget/static_block/default.phtml" block_id="home-page-block"}}';

export function loadCmsPages(dir: string): CmsPage[] {
  const pages: CmsPage[] = CORE_PAGES.map((p, index) => ({ ...p, id: index + 1 }));
  for (const row of readCsv(dir, "CmsSampleData/pages/pages.csv")) {
    const identifier = row.identifier ?? "";
    const existing = pages.find((p) => p.identifier === identifier);
    const values = {
      ...page(identifier, row.title ?? "", row.content_heading ?? "", row.content ?? ""),
      pageLayout: row.page_layout || "1column",
      metaKeywords: row.meta_keywords ?? "",
      metaDescription: row.meta_description ?? "",
      isActive: row.is_active !== "0",
    };
    if (identifier === "home" && !values.content) values.content = HOME_CONTENT;
    if (existing) Object.assign(existing, values);
    else pages.push({ ...values, id: pages.length + 1 });
  }
  return pages;
}

export function loadCmsBlocks(dir: string): CmsBlock[] {
  const rows = [
    ...readCsv(dir, "CmsSampleData/blocks/categories_static_blocks.csv"),
    ...readCsv(dir, "CmsSampleData/blocks/pages_static_blocks.csv"),
  ];
  return rows.map((row, index) => ({
    id: index + 1, identifier: row.identifier ?? "", title: row.title ?? "", content: row.content ?? "", isActive: true,
  }));
}

function page(identifier: string, title: string, contentHeading: string, content: string): Omit<CmsPage, "id"> {
  return {
    identifier, title, contentHeading, content, pageLayout: identifier === "home" ? "1column" : "2columns-right",
    metaTitle: "", metaKeywords: "", metaDescription: "", isActive: true,
  };
}
