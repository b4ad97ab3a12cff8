import type { CategoryTree } from "@strangler/adapters";
import { storeHref } from "../../lib/store-view.ts";

function NavItem({ category, level, index }: { category: CategoryTree; level: number; index: number }) {
  const children = category.children;
  const classes = [`level${level}`, `nav-${index + 1}`, "category-item", level === 0 ? "level-top" : ""];
  return (
    <li className={classes.filter(Boolean).join(" ")}>
      <a href={storeHref(category.url)} className={level === 0 ? "level-top" : undefined}>
        <span>{category.name}</span>
      </a>
      {children.length > 0 && level < 2 ? (
        <ul className={`level${level} submenu`}>
          {children.map((child, childIndex) => (
            <NavItem key={child.uid} category={child} level={level + 1} index={childIndex} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** The top menu from Magento's category tree, as Luma's `nav.navigation` renders it. */
export function Navigation({ tree }: { tree: CategoryTree[] }) {
  // Magento's tree starts at the store's root category; the menu shows its children.
  const top = tree.length === 1 && tree[0] ? tree[0].children : tree;
  return (
    <div className="sections nav-sections">
      <nav className="navigation" data-action="navigation">
        <ul className="">
          {top.map((category, index) => (
            <NavItem key={category.uid} category={category} level={0} index={index} />
          ))}
        </ul>
      </nav>
    </div>
  );
}
