import type { StoreConfig } from "@strangler/adapters";
import { Minicart } from "../client/minicart.tsx";
import { CustomerLinks } from "../client/customer-links.tsx";

export function Header({ storeConfig, searchText }: { storeConfig?: StoreConfig; searchText?: string }) {
  const storeName = storeConfig?.storeName || "Magento Commerce";
  return (
    <header className="page-header">
      <div className="panel wrapper">
        <div className="panel header">
          <CustomerLinks />
        </div>
      </div>
      <div className="header content">
        <a className="logo" href="/" title={storeName} aria-label="store logo">
          {storeConfig?.headerLogo ? <img src={storeConfig.headerLogo} alt={storeName} /> : <span className="logo-text">{storeName}</span>}
        </a>
        <Minicart />
        <div className="block block-search">
          <div className="block block-content">
            <form className="form minisearch" id="search_mini_form" action="/catalogsearch/result/" method="get">
              <label className="label" htmlFor="search">Search</label>
              <input id="search" type="text" name="q" defaultValue={searchText ?? ""} placeholder="Search entire store here..." className="input-text" maxLength={128} autoComplete="off" />
              <button type="submit" title="Search" className="action search">
                <span>Search</span>
              </button>
            </form>
          </div>
        </div>
      </div>
    </header>
  );
}
