import { storeHref } from "../../lib/store-view.ts";

const links = [
  { href: "/search/term/popular/", label: "Search Terms" },
  { href: "/privacy-policy-cookie-restriction-mode", label: "Privacy and Cookie Policy" },
  { href: "/catalogsearch/advanced/", label: "Advanced Search" },
  { href: "/sales/guest/form/", label: "Orders and Returns" },
  { href: "/contact/", label: "Contact Us" },
  { href: "/about-us", label: "About us" },
  { href: "/customer-service", label: "Customer Service" },
];

/** Luma's footer links and copyright, as the legacy store renders them. */
export function Footer({ copyright }: { copyright?: string }) {
  return (
    <footer className="page-footer">
      <div className="footer content">
        <ul className="footer links">
          {links.map((link) => (
            <li key={link.href} className="nav item">
              <a href={storeHref(link.href)}>{link.label}</a>
            </li>
          ))}
        </ul>
        <small className="copyright">
          <span>{copyright || "Copyright © 2013-present Magento, Inc. All rights reserved."}</span>
        </small>
      </div>
    </footer>
  );
}
