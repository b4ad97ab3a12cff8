// Renders any Magento catalog URL: resolves the path (product, category, CMS page, redirect, 404) and
// picks the page. Shared by the ISR route (no query) and the dynamic listing route (with a query).
import type { Metadata } from "next";
import { notFound, permanentRedirect, redirect } from "next/navigation";
import { getCategory, getCmsPage, getProduct, getStoreConfig, listProducts, resolvePage, tagRender } from "../../lib/magento.ts";
import { loadListing } from "../../lib/listing-loader.ts";
import { toCategoryTags, toCmsTags, toProductTags } from "../../lib/cache-tags.ts";
import { buildMetadata } from "../../lib/seo.ts";
import { currentStoreView, storeHref } from "../../lib/store-view.ts";
import type { PageRequest } from "../../lib/page-types.ts";
import { ProductPage } from "./product-page.tsx";
import { CategoryPage } from "./category-page.tsx";
import { CmsPageView } from "./cms-page.tsx";
import { CacheTagsMeta } from "../frame/cache-tags-meta.tsx";

async function loadTarget(path: string) {
  const target = await resolvePage(path);
  if (target.kind === "redirect") {
    if (target.status === 301) permanentRedirect(target.location);
    redirect(target.location);
  }
  return target;
}

export async function renderCatalogPage({ path, query }: PageRequest) {
  const target = await loadTarget(path);
  switch (target.kind) {
    case "product": {
      const product = await getProduct(target.urlKey);
      if (!product) notFound();
      const tags = toProductTags(product.id);
      await tagRender(tags);
      return <><CacheTagsMeta tags={tags} /><ProductPage product={product} underCategory={path.split("/").filter(Boolean).length > 1} /></>;
    }
    case "category": {
      const category = await getCategory(target.urlPath);
      if (!category) notFound();
      // A landing page (display mode "static block only") shows its CMS block and no products, as Magento does.
      if (category.displayMode === "PAGE") {
        await tagRender(toCategoryTags(category.id));
        return <CategoryPage category={category} />;
      }
      const defaultPageSize = (await getStoreConfig())?.gridPerPage || 12;
      const { listing, state } = await loadListing(query, defaultPageSize, (listingQuery) => listProducts({ categoryUid: category.uid, ...listingQuery }));
      const tags = toCategoryTags(category.id, listing);
      await tagRender(tags);
      return <><CacheTagsMeta tags={tags} /><CategoryPage category={category} products={{ listing, links: { path: storeHref(path), state, defaultPageSize } }} /></>;
    }
    case "cms": {
      const page = await getCmsPage(target.identifier);
      if (!page) notFound();
      const tags = toCmsTags(target.id, target.identifier);
      await tagRender(tags);
      return <><CacheTagsMeta tags={tags} /><CmsPageView page={page} isHome={path === "/"} /></>;
    }
    default:
      notFound();
  }
}

/**
 * Head tags as Magento 2.4.8 writes them. The meta description is the entity's own `meta_description`,
 * else the store's default description (design/head/default_description): Magento's product helper
 * (Catalog\Helper\Product\View::preparePageMetadata), category block and CMS page helper set only the
 * meta description, and Framework\View\Page\Config::getDescription falls back to the store default.
 * There is no fallback to the (short) description, so no text is cut or stripped here.
 */
export async function buildCatalogMetadata({ path }: PageRequest): Promise<Metadata> {
  const [target, storeConfig] = await Promise.all([loadTarget(path), getStoreConfig()]);
  const seo = { publicUrl: currentStoreView().publicUrl, ...(storeConfig ? { storeConfig } : {}) };
  if (target.kind === "product") {
    const product = await getProduct(target.urlKey);
    if (product) return buildMetadata({ ...seo, title: product.metaTitle || product.name, description: product.metaDescription, canonicalPath: product.url });
  }
  if (target.kind === "category") {
    const category = await getCategory(target.urlPath);
    // Luma titles a category with its trail, nearest first: "Bags - Gear".
    const trail = category ? [category.name, ...category.breadcrumbs.map((crumb) => crumb.name).reverse()].join(" - ") : "";
    if (category) return buildMetadata({ ...seo, title: category.metaTitle && category.metaTitle !== category.name ? category.metaTitle : trail, description: category.metaDescription, canonicalPath: category.url });
  }
  if (target.kind === "cms") {
    const page = await getCmsPage(target.identifier);
    if (page) return buildMetadata({ ...seo, title: page.metaTitle || page.title, description: page.metaDescription, ...(path === "/" ? {} : { canonicalPath: page.url || path }) });
  }
  return buildMetadata({ ...seo, title: "404 Not Found", robots: "NOINDEX,NOFOLLOW" });
}
