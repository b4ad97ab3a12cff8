export interface Crumb {
  label: string;
  href?: string;
}

/** Luma's breadcrumbs: Home, then the trail; the last one is the current page, not a link. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  const trail: Crumb[] = [{ label: "Home", href: "/" }, ...items];
  return (
    <div className="breadcrumbs">
      <ul className="items">
        {trail.map((crumb, index) => (
          <li key={`${index}-${crumb.label}`} className={`item ${index === 0 ? "home" : ""}`.trim()}>
            {crumb.href && index < trail.length - 1 ? <a href={crumb.href} title={crumb.label}>{crumb.label}</a> : <strong>{crumb.label}</strong>}
          </li>
        ))}
      </ul>
    </div>
  );
}
