import type { ProductListing } from "@strangler/adapters";
import { pageSizes } from "../../lib/listing-params.ts";
import { hrefFor, type ListingLinks } from "./layered-navigation.tsx";

function Amount({ listing }: { listing: ProductListing }) {
  if (listing.total === 0) return null;
  const first = (listing.page - 1) * listing.pageSize + 1;
  const last = Math.min(listing.total, listing.page * listing.pageSize);
  return (
    <p className="toolbar-amount" id="toolbar-amount">
      {listing.pages > 1 ? <>Items <span className="toolbar-number">{first}</span>-<span className="toolbar-number">{last}</span> of </> : null}
      <span className="toolbar-number">{listing.total}</span> {listing.pages > 1 ? "" : listing.total === 1 ? "Item" : "Items"}
    </p>
  );
}

/** Sorting as plain links (works without JavaScript), in Luma's sorter block. */
function Sorter({ listing, links }: { listing: ProductListing; links: ListingLinks }) {
  if (listing.sortOptions.length === 0) return null;
  const current = links.state.sort?.field ?? listing.defaultSort;
  const direction = links.state.sort?.direction ?? "ASC";
  return (
    <div className="toolbar-sorter sorter">
      <span className="sorter-label">Sort By</span>
      <ul className="sorter-options">
        {listing.sortOptions.map((option) => (
          <li key={option.value} className={option.value === current ? "active" : undefined}>
            <a href={hrefFor(links, { sort: { field: option.value, direction: "ASC" } })} rel="nofollow">{option.label}</a>
          </li>
        ))}
      </ul>
      {current ? (
        <a className={`action sorter-action sort-${direction === "ASC" ? "asc" : "desc"}`} rel="nofollow"
          href={hrefFor(links, { sort: { field: current, direction: direction === "ASC" ? "DESC" : "ASC" } })}>
          <span>{direction === "ASC" ? "Set Descending Direction" : "Set Ascending Direction"}</span>
        </a>
      ) : null}
    </div>
  );
}

function Pager({ listing, links }: { listing: ProductListing; links: ListingLinks }) {
  if (listing.pages <= 1) return null;
  const from = Math.max(1, listing.page - 2);
  const to = Math.min(listing.pages, from + 4);
  const numbers = Array.from({ length: to - from + 1 }, (_, index) => from + index);
  return (
    <div className="pages">
      <strong className="label pages-label">Page</strong>
      <ul className="items pages-items">
        {listing.page > 1 ? <li className="item pages-item-previous"><a className="action previous" href={hrefFor(links, { page: listing.page - 1 })} title="Previous"><span>Previous</span></a></li> : null}
        {numbers.map((page) => (
          <li key={page} className={`item${page === listing.page ? " current" : ""}`}>
            {page === listing.page ? <strong className="page"><span>{page}</span></strong> : <a className="page" href={hrefFor(links, { page })}><span>{page}</span></a>}
          </li>
        ))}
        {listing.page < listing.pages ? <li className="item pages-item-next"><a className="action next" href={hrefFor(links, { page: listing.page + 1 })} title="Next"><span>Next</span></a></li> : null}
      </ul>
    </div>
  );
}

function Limiter({ links }: { links: ListingLinks }) {
  return (
    <div className="field limiter">
      <span className="label">Show</span>
      <ul className="limiter-options">
        {pageSizes.map((size) => (
          <li key={size} className={size === links.state.pageSize ? "active" : undefined}>
            <a href={hrefFor(links, { pageSize: size })} rel="nofollow">{size}</a>
          </li>
        ))}
      </ul>
      <span className="limiter-text">per page</span>
    </div>
  );
}

export function Toolbar({ listing, links, position }: { listing: ProductListing; links: ListingLinks; position: "top" | "bottom" }) {
  if (listing.total === 0) return null;
  return (
    <div className="toolbar toolbar-products">
      {position === "top" ? <><Amount listing={listing} /><Sorter listing={listing} links={links} /></> : <><Pager listing={listing} links={links} /><Limiter links={links} /></>}
    </div>
  );
}
