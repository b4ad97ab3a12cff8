"use client";
import { useEffect, useState } from "react";
import { ensureFormKey } from "./form-key.ts";

/**
 * The hidden `form_key` of a Magento POST form, filled on the client from the `form_key` cookie. The
 * form refreshes it again on submit (`refreshFormKey`), because Magento may have set the cookie
 * in the meantime (any response of a fresh session does).
 */
export function FormKeyInput() {
  const [formKey, setFormKey] = useState("");
  useEffect(() => setFormKey(ensureFormKey()), []);
  return <input name="form_key" type="hidden" value={formKey} readOnly />;
}

/** onSubmit for Magento forms: posts the cookie's form key as it is at this moment. */
export function refreshFormKey(event: { currentTarget: HTMLFormElement }): void {
  const input = event.currentTarget.elements.namedItem("form_key");
  if (input instanceof HTMLInputElement) input.value = ensureFormKey();
}
