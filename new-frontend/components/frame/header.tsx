import { CustomerLinksPanel, Minicart } from "./private-content.tsx";
import { currentLinkBase, storeHref } from "../../lib/store-view.ts";

export function Header({ searchText }: { searchText?: string }) {
  const linkBase = currentLinkBase();
  return (
    <header className="page-header">
      <div className="panel wrapper">
        <CustomerLinksPanel linkBase={linkBase} />
      </div>
      <div className="header content">
        <a className="logo" href={storeHref("/")} title="Luma">
          <img src="/static/frontend/Magento/luma/en_US/images/logo.svg" alt="Luma" width={148} height={43} />
        </a>
        <Minicart linkBase={linkBase} />
        <div className="block block-search">
            <form className="form minisearch" id="search_mini_form" action={storeHref("/catalogsearch/result/")} method="get">
              <label className="label" htmlFor="search">Search</label>
              <input id="search" type="text" name="q" defaultValue={searchText ?? ""} placeholder="Search entire store here..." className="input-text" maxLength={128} autoComplete="off" />
              <button type="submit" title="Search" className="action search">Search</button>
            </form>
        </div>
      </div>
    </header>
  );
}
