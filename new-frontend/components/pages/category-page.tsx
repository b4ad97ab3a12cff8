import type { Category, ProductListing } from "@strangler/adapters";
import { PageFrame } from "../frame/page-frame.tsx";
import { ProductGrid } from "../listing/product-grid.tsx";
import { LayeredNavigation, type ListingLinks } from "../listing/layered-navigation.tsx";
import { Toolbar } from "../listing/toolbar.tsx";
import { sanitizeCmsHtml } from "../../lib/sanitize.ts";

export function CategoryPage({ category, listing, links }: { category: Category; listing: ProductListing; links: ListingLinks }) {
  const crumbs = [
    ...category.breadcrumbs.map((crumb) => ({ label: crumb.name, href: `/${crumb.urlPath.replace(/^\/+/, "")}.html`, key: "category" })),
    { label: category.name, key: `category${category.id}` },
  ];
  const description = sanitizeCmsHtml(category.descriptionHtml);
  return (
    <PageFrame bodyClass={`page-with-filter page-products categorypath-${category.urlPath.replace(/\//g, "-")} category-${category.urlKey} catalog-category-view page-layout-2columns-left`} heading={category.name} breadcrumbs={crumbs}>
      <div className="columns">
        <div className="column main">
          {description ? <div className="category-description" dangerouslySetInnerHTML={{ __html: description }} /> : null}
          <Toolbar listing={listing} links={links} position="top" />
          <ProductGrid items={listing.items} />
          <Toolbar listing={listing} links={links} position="bottom" />
        </div>
        <div className="sidebar sidebar-main">
          <LayeredNavigation facets={listing.facets} links={links} />
        </div>
      </div>
    </PageFrame>
  );
}
