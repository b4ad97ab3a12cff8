"use client";
import { useEffect } from "react";

/** Puts the page type's Luma classes on <body> (the shared root layout owns the tag), as Magento does. */
export function BodyClass({ value }: { value: string }) {
  useEffect(() => {
    document.body.className = value;
  }, [value]);
  return null;
}
