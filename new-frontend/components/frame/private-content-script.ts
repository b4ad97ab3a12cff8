// The page's only JavaScript of its own, inlined into the HTML (private-content.tsx), never a React client
// component: the pages are server-rendered Luma markup that works as plain HTML, and hydrating React for
// four small widgets cost most of the page's blocking time. Like Luma's customer-data.js it reads the
// shopper's private content (cart, customer, messages) on the shop's own origin, so the PHP session cookie
// goes along, and keeps Magento's `form_key` cookie as form-key-provider.js does.
//
// `runPrivateContent` is serialized with Function#toString: it must use nothing from outside its own body.
// It only writes inside elements whose content React leaves alone (dangerouslySetInnerHTML) or attributes,
// so it never fights React's hydration of the server-rendered tree.

/** Markers the server-rendered frame carries for the script (ids and data attributes, no visual effect). */
export const privateContentHooks = {
  customerLinks: "strangler-customer-links",
  minicart: "strangler-minicart",
  messages: "strangler-messages",
} as const;

export function runPrivateContent(hooks: typeof privateContentHooks): void {
  const readCookie = (name: string): string | undefined => {
    const match = document.cookie.split("; ").find((part) => part.startsWith(`${name}=`));
    return match === undefined ? undefined : decodeURIComponent(match.slice(name.length + 1));
  };
  // Magento adopts the cookie's key for the session, so forms posted with it pass the CSRF check.
  const ensureFormKey = (): string => {
    const existing = readCookie("form_key");
    if (existing) return existing;
    const alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const key = [...crypto.getRandomValues(new Uint8Array(16))].map((byte) => alphabet[byte % alphabet.length]).join("");
    const secure = location.protocol === "https:" ? "; secure" : "";
    document.cookie = `form_key=${key}; path=/; max-age=86400; samesite=lax${secure}`;
    return key;
  };

  // Magento's POST forms: the key goes in when the page loads and again on submit, because any response of
  // a fresh session may have set the cookie in the meantime. The add-to-cart button waits for it.
  const formKey = ensureFormKey();
  for (const input of document.querySelectorAll<HTMLInputElement>('form input[name="form_key"]')) input.value = formKey;
  document.addEventListener("submit", (event) => {
    const input = event.target instanceof HTMLFormElement ? event.target.elements.namedItem("form_key") : null;
    if (input instanceof HTMLInputElement) input.value = ensureFormKey();
  }, true);
  for (const button of document.querySelectorAll<HTMLButtonElement>("#product-addtocart-button")) button.disabled = false;

  interface Message { type: string; text: string }
  const toMessages = (value: unknown): Message[] => !Array.isArray(value) ? [] : value
    .filter((item): item is Message => typeof item === "object" && item !== null && typeof item.text === "string")
    .map((item) => ({ type: /^(success|error|warning|notice)$/.test(item.type) ? item.type : "notice", text: item.text.replace(/<[^>]*>/g, "") }));
  // Built with DOM calls, not HTML strings: the texts are the shop's and the shopper's, never markup.
  const element = (tag: string, className: string, ...children: (Node | string)[]): HTMLElement => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    node.append(...children);
    return node;
  };
  const link = (href: string | undefined, text: string): HTMLElement => {
    const anchor = element("a", "", text);
    anchor.setAttribute("href", href ?? "");
    return anchor;
  };
  const showMessages = (messages: Message[]): void => {
    const box = document.getElementById(hooks.messages);
    for (const message of messages) box?.append(element("div", `message-${message.type} ${message.type} message`, element("div", "", message.text)));
  };
  // Messages handed over in the `mage-messages` cookie are shown once.
  try {
    const raw = readCookie("mage-messages");
    if (raw) {
      document.cookie = "mage-messages=; path=/; max-age=0; samesite=lax";
      showMessages(toMessages(JSON.parse(raw)));
    }
  } catch {
    // A cookie that is not Magento's JSON carries no message to show.
  }

  interface Sections {
    cart?: { summary_count?: number };
    customer?: { fullname?: string };
    messages?: { messages?: unknown };
  }
  void fetch(`/customer/section/load/?sections=cart%2Ccustomer%2Cmessages&force_new_section_timestamp=false&_=${Date.now()}`, {
    credentials: "same-origin",
    headers: { "X-Requested-With": "XMLHttpRequest", Accept: "application/json" },
    cache: "no-store",
  })
    .then((response): Promise<Sections> | Sections => (response.ok ? (response.json() as Promise<Sections>) : {}))
    .catch((): Sections => ({}))
    .then((sections) => {
      const counter = document.getElementById(hooks.minicart);
      if (counter) {
        // Like Luma: an empty cart shows no number at all.
        const count = sections.cart?.summary_count ?? 0;
        counter.className = `counter qty${count ? "" : " empty"}`;
        counter.dataset.loaded = "true";
        const number = counter.querySelector(".counter-number");
        if (number) number.textContent = count ? String(count) : "";
      }
      const panel = document.getElementById(hooks.customerLinks);
      const links = panel?.querySelector("ul.header.links");
      const name = sections.customer?.fullname;
      if (panel && links && name) {
        links.replaceChildren(
          element("li", "greet welcome", element("span", "logged-in", `Welcome, ${name}!`)),
          element("li", "", link(panel.dataset.accountHref, "My Account")),
          element("li", "authorization-link", link(panel.dataset.logoutHref, "Sign Out")),
        );
      }
      showMessages(toMessages(sections.messages?.messages));
    });
}
