// Server-rendered places for the shopper's private content, filled in the browser by one inline script
// (private-content-script.ts) instead of React client components: no hydration work, no client chunks.
// Their markup is what Luma (and the former client components) render before the sections arrive.
import { privateContentHooks, runPrivateContent } from "./private-content-script.ts";
import { toStoreHref } from "../../lib/public-url.ts";

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** The script, run once where it stands (the end of the page frame, so everything it fills is parsed). */
export function PrivateContentScript() {
  return <script dangerouslySetInnerHTML={{ __html: `(${runPrivateContent.toString()})(${JSON.stringify(privateContentHooks)})` }} />;
}

/**
 * Luma puts the page type's classes on <body>; the shared root layout owns the tag, so this runs inline at
 * the top of the frame, before the first paint.
 */
export function BodyClassScript({ value }: { value: string }) {
  return <script dangerouslySetInnerHTML={{ __html: `document.body.className=${JSON.stringify(value).replace(/</g, "\\u003c")}` }} />;
}

/**
 * Luma's header panel with its links: Sign In / Create; the script swaps in the greeting and Sign Out for a
 * signed-in customer. The script's hooks sit on the panel, so the list stays Luma's `<ul class="header links">`.
 */
export function CustomerLinksPanel({ linkBase = "" }: { /** The store view's link base (public-url.ts toStoreHref). */ linkBase?: string }) {
  const signedOut = `<li class="greet welcome"><span class="not-logged-in">Default welcome msg!</span></li>`
    + `<li class="authorization-link"><a href="${escapeHtml(toStoreHref("/customer/account/login/", linkBase))}">Sign In</a></li>`
    + `<li><a href="${escapeHtml(toStoreHref("/customer/account/create/", linkBase))}">Create an Account</a></li>`;
  return (
    <div className="panel header" id={privateContentHooks.customerLinks} data-account-href={toStoreHref("/customer/account/", linkBase)}
      data-logout-href={toStoreHref("/customer/account/logout/", linkBase)}>
      <ul className="header links" dangerouslySetInnerHTML={{ __html: signedOut }} />
    </div>
  );
}

/** Luma's minicart link; the script writes the item count from the shopper's own cart section. */
export function Minicart({ linkBase = "" }: { /** The store view's link base. */ linkBase?: string }) {
  return (
    <div data-block="minicart" className="minicart-wrapper">
      <a className="action showcart" href={toStoreHref("/checkout/cart/", linkBase)}>
        <span className="text">My Cart</span>
        <span className="counter qty empty" data-loaded="false" id={privateContentHooks.minicart} suppressHydrationWarning
          dangerouslySetInnerHTML={{ __html: `<span class="counter-number"></span>` }} />
      </a>
    </div>
  );
}

/** Session messages ("You added … to your shopping cart."), shown once; the script adds them. */
export function Messages() {
  return (
    <div className="page messages">
      <div role="alert" className="messages" id={privateContentHooks.messages} dangerouslySetInnerHTML={{ __html: "" }} />
    </div>
  );
}
