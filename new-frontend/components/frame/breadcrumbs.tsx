import { storeHref } from "../../lib/store-view.ts";

export interface Crumb {
  label: string;
  href?: string;
  /** Luma's item class suffix: `category12`, `product`, `cms_page`, `search`. */
  key: string;
}

/** Luma's breadcrumbs: Home, then the trail; the last one is the current page, not a link. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <div className="breadcrumbs">
      <ul className="items">
        <li className="item home"><a href={storeHref("/")} title="Go to Home Page">Home</a></li>
        {items.map((crumb, index) => (
          <li key={`${index}-${crumb.key}`} className={`item ${crumb.key}`}>
            {crumb.href && index < items.length - 1 ? <a href={storeHref(crumb.href)} title={crumb.label}>{crumb.label}</a> : <strong>{crumb.label}</strong>}
          </li>
        ))}
      </ul>
    </div>
  );
}
