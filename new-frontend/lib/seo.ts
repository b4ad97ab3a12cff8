// Head tags as Magento renders them: title with the store's prefix/suffix, meta description, canonical
// to the shop's public URL (the proxy), robots, and a generator marker that says which side served a page.
import type { Metadata } from "next";
import type { StoreConfig } from "@strangler/adapters";
import { toPublicUrl } from "./public-url.ts";

export const generatorMarker = "strangler-new-frontend";

export interface SeoInput {
  title: string;
  description?: string;
  /** Path on the shop, e.g. `/joust-duffle-bag.html`; omitted → no canonical. */
  canonicalPath?: string;
  robots?: string;
  publicUrl: string;
  storeConfig?: StoreConfig;
}

export function buildTitle(title: string, storeConfig?: StoreConfig): string {
  const prefix = storeConfig?.titlePrefix?.trim();
  const suffix = storeConfig?.titleSuffix?.trim();
  return [prefix, title || storeConfig?.defaultTitle || "", suffix].filter(Boolean).join(" ");
}

export function buildMetadata(input: SeoInput): Metadata {
  const description = input.description || input.storeConfig?.defaultDescription || "";
  const title = buildTitle(input.title, input.storeConfig);
  return {
    title,
    ...(description ? { description } : {}),
    robots: input.robots ?? "INDEX,FOLLOW",
    generator: generatorMarker,
    other: { title },
    ...(input.canonicalPath ? { alternates: { canonical: toPublicUrl(input.canonicalPath, input.publicUrl) } } : {}),
  };
}
