import { randomBytes } from "node:crypto";

/**
 * Storefront (PHP) sessions, keyed by the PHPSESSID cookie value. They live beside the quotes
 * because Magento's session is what ties a browser to its quote and customer: the storefront
 * reads and writes them, and REST/GraphQL may authenticate a customer by them (Magento's
 * session-based web API authentication for AJAX calls).
 */
export interface SessionMessage {
  type: "success" | "error" | "notice";
  text: string;
}

export interface StorefrontSession {
  id: string;
  /** CSRF token checked on every storefront POST (mirrored in the form_key cookie). */
  formKey: string;
  /** Masked id of the session's quote (guest cart, or the customer's active cart). */
  cartMaskedId?: string;
  customerId?: number;
  /** The currency the shopper switched to (Directory's currency switcher); unset: the store's display currency. */
  currencyCode?: string;
  /** Flash messages shown once on the next page. */
  messages: SessionMessage[];
  /** Set by checkout for the success page. */
  lastOrderId?: number;
}

export interface SessionStore {
  create(): StorefrontSession;
  get(id: string): StorefrontSession | undefined;
  /** New id for the same data (session fixation defence at sign-in); the old id stops working. */
  regenerate(session: StorefrontSession): StorefrontSession;
  destroy(id: string): void;
}

/** PHP session ids are 26-32 chars of [a-z0-9]; Magento's form keys 16 of [A-Za-z0-9]. */
export function generateToken(length: number, alphabet: string): string {
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join("");
}

export function createSessionStore(): SessionStore {
  const sessions = new Map<string, StorefrontSession>();
  const newId = () => generateToken(26, "abcdefghijklmnopqrstuvwxyz0123456789");
  return {
    create() {
      const session: StorefrontSession = {
        id: newId(),
        formKey: generateToken(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
        messages: [],
      };
      sessions.set(session.id, session);
      return session;
    },
    get: (id) => sessions.get(id),
    regenerate(session) {
      sessions.delete(session.id);
      session.id = newId();
      sessions.set(session.id, session);
      return session;
    },
    destroy: (id) => void sessions.delete(id),
  };
}
