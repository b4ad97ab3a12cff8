import type { ReactNode } from "react";
import { getNavigation, getStoreConfig } from "../../lib/magento.ts";
import { Header } from "./header.tsx";
import { Navigation } from "./navigation.tsx";
import { Footer } from "./footer.tsx";
import { Messages } from "../client/messages.tsx";

/** Luma's page frame around every migrated page: header, menu, messages, main column, footer. */
export async function PageFrame({ bodyClass, searchText, beforeMain, children }: { bodyClass: string; searchText?: string; beforeMain?: ReactNode; children: ReactNode }) {
  const [storeConfig, tree] = await Promise.all([getStoreConfig(), getNavigation()]);
  return (
    <div className={`page-wrapper ${bodyClass}`}>
      <Header {...(storeConfig ? { storeConfig } : {})} {...(searchText === undefined ? {} : { searchText })} />
      <Navigation tree={tree} />
      {beforeMain}
      <main id="maincontent" className="page-main">
        <Messages />
        {children}
      </main>
      <Footer {...(storeConfig ? { storeConfig } : {})} />
    </div>
  );
}
