// CMS pages/blocks, `route` answers and store config → domain types. Null texts → "".
import { z } from "zod";
import type { CmsBlock, CmsPage } from "../domain/cms.ts";
import type { StoreConfig } from "../domain/store-config.ts";
import type { UrlResolution } from "../domain/url.ts";
import { numberField, parseShape, textField, toRelativeUrl } from "./shape.ts";

const cmsPageSchema = z.object({
  identifier: z.string().min(1),
  title: textField,
  content_heading: textField,
  content: textField,
  meta_title: z.string().nullish(),
  meta_description: textField,
  meta_keywords: textField,
  url_key: z.string().nullish(),
});
export type MagentoCmsPage = z.input<typeof cmsPageSchema>;

export function reshapeCmsPage(raw: unknown): CmsPage {
  const page = parseShape(cmsPageSchema, raw, "CMS page");
  return {
    identifier: page.identifier, title: page.title, contentHeading: page.content_heading, contentHtml: page.content,
    metaTitle: page.meta_title || page.title, metaDescription: page.meta_description, metaKeywords: page.meta_keywords,
    url: toRelativeUrl(page.url_key ?? page.identifier),
  };
}

const cmsBlockSchema = z.object({ identifier: z.string().min(1), title: textField, content: textField });
export type MagentoCmsBlock = z.input<typeof cmsBlockSchema>;

export function reshapeCmsBlock(raw: unknown): CmsBlock {
  const block = parseShape(cmsBlockSchema, raw, "CMS block");
  return { identifier: block.identifier, title: block.title, contentHtml: block.content };
}

const routeSchema = z.object({
  type: z.enum(["PRODUCT", "CATEGORY", "CMS_PAGE"]),
  redirect_code: numberField.pipe(z.union([z.literal(0), z.literal(301), z.literal(302)])),
  relative_url: z.string().nullish(),
  identifier: z.string().nullish(),
  id: numberField.nullish(),
  uid: z.string().nullish(),
  url_key: z.string().nullish(),
});
export type MagentoRoute = z.input<typeof routeSchema>;

export function reshapeRoute(raw: unknown, askedPath: string): UrlResolution {
  const route = parseShape(routeSchema, raw, "route");
  return {
    type: route.type,
    id: route.id ?? undefined,
    uid: route.uid ?? undefined,
    identifier: route.identifier ?? route.url_key ?? undefined,
    redirectCode: route.redirect_code,
    relativeUrl: route.relative_url ?? askedPath.replace(/^\//, ""),
  };
}

const storeConfigSchema = z.object({
  store_code: z.string().min(1),
  store_name: textField,
  locale: z.string().nullish(),
  base_currency_code: z.string().min(3),
  default_display_currency_code: z.string().nullish(),
  base_url: textField,
  base_media_url: textField,
  product_url_suffix: z.string().nullish(),
  category_url_suffix: z.string().nullish(),
  root_category_uid: textField,
  default_title: textField,
  title_prefix: textField,
  title_suffix: textField,
  default_description: textField,
  header_logo_src: z.string().nullish(),
  copyright: textField,
  cms_home_page: z.string().nullish(),
  grid_per_page: numberField.nullish(),
});
export type MagentoStoreConfig = z.input<typeof storeConfigSchema>;

export function reshapeStoreConfig(raw: unknown): StoreConfig {
  const c = parseShape(storeConfigSchema, raw, "store config");
  return {
    storeCode: c.store_code, storeName: c.store_name, locale: c.locale ?? "en_US",
    baseCurrency: c.base_currency_code, defaultDisplayCurrency: c.default_display_currency_code ?? c.base_currency_code,
    baseUrl: c.base_url, baseMediaUrl: c.base_media_url,
    productUrlSuffix: c.product_url_suffix ?? ".html", categoryUrlSuffix: c.category_url_suffix ?? ".html",
    rootCategoryUid: c.root_category_uid, defaultTitle: c.default_title, titlePrefix: c.title_prefix, titleSuffix: c.title_suffix,
    defaultDescription: c.default_description, headerLogo: c.header_logo_src ?? undefined, copyright: c.copyright,
    cmsHomePage: c.cms_home_page ?? "home", gridPerPage: c.grid_per_page ?? 12,
  };
}
