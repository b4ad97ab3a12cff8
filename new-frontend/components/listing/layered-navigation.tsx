import type { Facet } from "@strangler/adapters";
import { buildListingHref, formatPriceBucket, toParamValue, type ListingState } from "../../lib/listing-params.ts";
import { formatMoney } from "../../lib/format.ts";

export interface ListingLinks {
  path: string;
  state: ListingState;
  defaultPageSize: number;
  keep?: Record<string, string>;
}

function hrefFor(links: ListingLinks, change: Parameters<typeof buildListingHref>[2]): string {
  return buildListingHref(links.path, links.state, { ...change, ...(links.keep ? { keep: links.keep } : {}) }, links.defaultPageSize);
}

function labelOf(code: string, value: string, label: string): string {
  if (code !== "price") return label;
  return formatPriceBucket(value, (amount) => formatMoney({ amount, currency: "USD" })) ?? label;
}

/** Luma's "Shop By" block: active filters with a remove link, then each facet's options with counts. */
export function LayeredNavigation({ facets, links }: { facets: Facet[]; links: ListingLinks }) {
  const active = facets.filter((facet) => links.state.filters[facet.code] !== undefined);
  const open = facets.filter((facet) => links.state.filters[facet.code] === undefined && facet.options.length > 0);
  if (active.length === 0 && open.length === 0) return null;
  return (
    <div className="block filter" id="layered-filter-block">
      <div className="block-title filter-title"><strong>Shop By</strong></div>
      <div className="block-content filter-content">
        {active.length > 0 ? (
          <div className="filter-current">
            <strong className="block-subtitle filter-current-subtitle">Now Shopping by</strong>
            <ol className="items">
              {active.map((facet) => {
                const value = links.state.filters[facet.code] ?? "";
                const option = facet.options.find((candidate) => toParamValue(facet.code, candidate.value) === value);
                return (
                  <li key={facet.code} className="item">
                    <span className="filter-label">{facet.label}</span>
                    <span className="filter-value">{labelOf(facet.code, value, option?.label ?? value)}</span>
                    <a className="action remove" href={hrefFor(links, { removeFilter: facet.code })} title={`Remove ${facet.label} ${labelOf(facet.code, value, option?.label ?? value)}`}>
                      <span>Remove This Item</span>
                    </a>
                  </li>
                );
              })}
            </ol>
          </div>
        ) : null}
        <strong role="heading" aria-level={2} className="block-subtitle filter-subtitle">Shopping Options</strong>
        <dl className="filter-options" id="narrow-by-list">
          {open.map((facet) => (
            <div key={facet.code} className="filter-options-item">
              <dt role="heading" aria-level={3} className="filter-options-title">{facet.label}</dt>
              <dd className="filter-options-content">
                <ol className="items">
                  {facet.options.slice(0, 50).map((option) => (
                    <li key={option.value} className="item">
                      <a href={hrefFor(links, { setFilter: { code: facet.code, value: option.value } })} rel="nofollow">
                        {labelOf(facet.code, option.value, option.label)}
                        <span className="count">{option.count}<span className="filter-count-label">{option.count === 1 ? " item" : " items"}</span></span>
                      </a>
                    </li>
                  ))}
                </ol>
              </dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}

export { hrefFor };
