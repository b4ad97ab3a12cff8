import type { StoreConfig } from "@strangler/adapters";

const links = [
  { href: "/about-us", label: "About us" },
  { href: "/customer-service", label: "Customer Service" },
  { href: "/privacy-policy-cookie-restriction-mode", label: "Privacy and Cookie Policy" },
  { href: "/search/term/popular/", label: "Search Terms" },
  { href: "/catalogsearch/advanced/", label: "Advanced Search" },
  { href: "/contact/", label: "Contact Us" },
];

export function Footer({ storeConfig }: { storeConfig?: StoreConfig }) {
  return (
    <>
      <footer className="page-footer">
        <div className="footer content">
          <ul className="footer links">
            {links.map((link) => (
              <li key={link.href} className="nav item">
                <a href={link.href}>{link.label}</a>
              </li>
            ))}
          </ul>
        </div>
      </footer>
      <small className="copyright">
        <span>{storeConfig?.copyright || "Copyright © 2013-present Magento, Inc. All rights reserved."}</span>
      </small>
    </>
  );
}
