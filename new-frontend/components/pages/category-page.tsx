import type { Category, ProductListing } from "@strangler/adapters";
import { PageFrame } from "../frame/page-frame.tsx";
import { ProductGrid } from "../listing/product-grid.tsx";
import { LayeredNavigation, type ListingLinks } from "../listing/layered-navigation.tsx";
import { Toolbar } from "../listing/toolbar.tsx";
import { sanitizeCmsHtml } from "../../lib/sanitize.ts";

/**
 * A category page as Luma lays it out: description, the landing CMS block (display mode PAGE or
 * PRODUCTS_AND_PAGE), then the product list with its toolbar and the "Shop By" sidebar. A landing page
 * (PAGE) comes without `products`.
 */
export function CategoryPage({ category, products }: { category: Category; products?: { listing: ProductListing; links: ListingLinks } }) {
  const crumbs = [
    ...category.breadcrumbs.map((crumb) => ({ label: crumb.name, href: `/${crumb.urlPath.replace(/^\/+/, "")}.html`, key: "category" })),
    { label: category.name, key: `category${category.id}` },
  ];
  const description = sanitizeCmsHtml(category.descriptionHtml);
  const landing = category.displayMode === "PRODUCTS" ? "" : sanitizeCmsHtml(category.landingHtml);
  return (
    <PageFrame bodyClass={`page-with-filter page-products categorypath-${category.urlPath.replace(/\//g, "-")} category-${category.urlKey} catalog-category-view page-layout-2columns-left`} heading={category.name} breadcrumbs={crumbs}>
      <div className="columns">
        <div className="column main">
          {description ? <div className="category-description" dangerouslySetInnerHTML={{ __html: description }} /> : null}
          {landing ? <div className="category-cms" dangerouslySetInnerHTML={{ __html: landing }} /> : null}
          {products ? (
            <>
              <Toolbar listing={products.listing} links={products.links} position="top" />
              <ProductGrid items={products.listing.items} />
              <Toolbar listing={products.listing} links={products.links} position="bottom" />
            </>
          ) : null}
        </div>
        {products ? (
          <div className="sidebar sidebar-main">
            <LayeredNavigation facets={products.listing.facets} links={products.links} />
          </div>
        ) : null}
      </div>
    </PageFrame>
  );
}
