"use client";
import { useEffect, useState } from "react";
import { loadSections, subscribeSections } from "./customer-data.ts";
import { toStoreHref } from "../../lib/public-url.ts";

/** The header links: a greeting and Sign Out for a signed-in customer, Sign In / Create otherwise. */
export function CustomerLinks({ linkBase = "" }: { /** The store view's link base (public-url.ts toStoreHref). */ linkBase?: string }) {
  const [name, setName] = useState<string | undefined>(undefined);
  useEffect(() => {
    const unsubscribe = subscribeSections((sections) => setName(sections.customer?.fullname || undefined));
    void loadSections();
    return unsubscribe;
  }, []);
  if (name) {
    return (
      <ul className="header links">
        <li className="greet welcome">
          <span className="logged-in">Welcome, {name}!</span>
        </li>
        <li>
          <a href={toStoreHref("/customer/account/", linkBase)}>My Account</a>
        </li>
        <li className="authorization-link">
          <a href={toStoreHref("/customer/account/logout/", linkBase)}>Sign Out</a>
        </li>
      </ul>
    );
  }
  return (
    <ul className="header links">
      <li className="greet welcome">
        <span className="not-logged-in">Default welcome msg!</span>
      </li>
      <li className="authorization-link">
        <a href={toStoreHref("/customer/account/login/", linkBase)}>Sign In</a>
      </li>
      <li>
        <a href={toStoreHref("/customer/account/create/", linkBase)}>Create an Account</a>
      </li>
    </ul>
  );
}
