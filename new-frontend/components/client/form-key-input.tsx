"use client";
import { useEffect, useState } from "react";
import { readCookie } from "./customer-data.ts";

function generateFormKey(): string {
  const alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((byte) => alphabet[byte % alphabet.length]).join("");
}

/**
 * The hidden `form_key` of Magento POST forms, filled on the client exactly as Magento's own
 * form-key-provider.js does on full-page-cached pages: from the `form_key` cookie, or a fresh random
 * key written to that cookie (stock Magento adopts the cookie's key for the session).
 */
export function FormKeyInput() {
  const [formKey, setFormKey] = useState("");
  useEffect(() => {
    let key = readCookie("form_key");
    if (!key) {
      key = generateFormKey();
      const secure = location.protocol === "https:" ? "; secure" : "";
      document.cookie = `form_key=${key}; path=/; max-age=86400; samesite=lax${secure}`;
    }
    setFormKey(key);
  }, []);
  return <input name="form_key" type="hidden" value={formKey} readOnly />;
}
