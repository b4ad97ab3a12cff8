// Magento's private content ("customer sections"), read the way Luma's customer-data.js reads it:
// GET /customer/section/load/ on the shop's own origin, so the PHP session cookie goes along and the
// answer is this shopper's. Never cached, never rendered on the server.
export interface CartSection {
  summary_count?: number;
  subtotal?: string;
  items?: { product_name?: string; qty?: number }[];
}

export interface CustomerSection {
  fullname?: string;
  firstname?: string;
}

export interface MessagesSection {
  messages?: { type?: string; text?: string }[];
}

export interface Sections {
  cart?: CartSection;
  customer?: CustomerSection;
  messages?: MessagesSection;
}

import { ensureFormKey } from "./form-key.ts";

const listeners = new Set<(sections: Sections) => void>();
let inflight: Promise<Sections> | undefined;

/** Loads the cart and customer sections once per page view; every subscriber gets the same answer. */
export function loadSections(): Promise<Sections> {
  // Our form key goes along with the first request, so Magento's session adopts it instead of minting its own.
  ensureFormKey();
  inflight ??= fetch(`/customer/section/load/?sections=cart%2Ccustomer%2Cmessages&force_new_section_timestamp=false&_=${Date.now()}`, {
    credentials: "same-origin",
    headers: { "X-Requested-With": "XMLHttpRequest", Accept: "application/json" },
    cache: "no-store",
  })
    .then((response) => (response.ok ? (response.json() as Promise<Sections>) : {}))
    .catch(() => ({}))
    .then((sections) => {
      for (const listener of listeners) listener(sections);
      return sections;
    });
  return inflight;
}

export function subscribeSections(listener: (sections: Sections) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
