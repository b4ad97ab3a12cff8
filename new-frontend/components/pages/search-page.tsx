import type { SearchResult } from "@strangler/adapters";
import { PageFrame } from "../frame/page-frame.tsx";
import { ProductGrid } from "../listing/product-grid.tsx";
import { LayeredNavigation, type ListingLinks } from "../listing/layered-navigation.tsx";
import { Toolbar } from "../listing/toolbar.tsx";
import { storeHref } from "../../lib/store-view.ts";

export function SearchPage({ text, result, links }: { text: string; result?: SearchResult; links?: ListingLinks }) {
  const title = `Search results for: '${text}'`;
  return (
    <PageFrame bodyClass="page-products catalogsearch-result-index page-layout-2columns-left" searchText={text} heading={title} breadcrumbs={[{ label: title, key: "search" }]}>
      <div className="columns">
        <div className="column main">
          {!result || !links ? (
            <div className="message notice"><div>Minimum Search query length is 3</div></div>
          ) : (
            <>
              {result.suggestions.length > 0 ? <dl className="block"><dt className="title">Related search terms</dt>{result.suggestions.map((term) => <dd key={term} className="item"><a href={storeHref(`/catalogsearch/result/?q=${encodeURIComponent(term)}`)}>{term}</a></dd>)}</dl> : null}
              <Toolbar listing={result} links={links} position="top" />
              {result.total === 0 ? <div className="message notice"><div>Your search returned no results.</div></div> : <ProductGrid items={result.items} />}
              <Toolbar listing={result} links={links} position="bottom" />
            </>
          )}
        </div>
        {result && links ? <div className="sidebar sidebar-main"><LayeredNavigation facets={result.facets} links={links} /></div> : null}
      </div>
    </PageFrame>
  );
}
