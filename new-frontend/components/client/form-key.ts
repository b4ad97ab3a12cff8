// Magento's form key on full-page-cached pages, as its form-key-provider.js keeps it: the `form_key`
// cookie, created with a random 16-character key when absent. Stock Magento adopts the cookie's key
// for the session, so forms posted with it pass the CSRF check.
import { readCookie } from "./cookies.ts";

const alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

function generateFormKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((byte) => alphabet[byte % alphabet.length]).join("");
}

/** The current form key; sets the cookie first when there is none. */
export function ensureFormKey(): string {
  const existing = readCookie("form_key");
  if (existing) return existing;
  const key = generateFormKey();
  const secure = location.protocol === "https:" ? "; secure" : "";
  document.cookie = `form_key=${key}; path=/; max-age=86400; samesite=lax${secure}`;
  return key;
}
