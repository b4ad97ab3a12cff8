// Shop URLs on a store's public URL. Pure.

/**
 * A shop path on the store's public URL, keeping a path the public URL has (`https://shop.example/fr`,
 * Magento's store code in URLs): `/joust-duffle-bag.html` → `https://shop.example/fr/joust-duffle-bag.html`.
 * An absolute URL is returned as it is.
 */
/**
 * A shop link on a store view's page, as Magento renders it: a root-relative path (`/gear.html`) on the store's
 * link base — `""` for a store on the shop's own URL (the link stays root-relative), else the store's public URL
 * (`https://shop.example/fr` → `https://shop.example/fr/gear.html`, `http://fr.shop.example` → its host), so a
 * page of a store served under a path prefix or its own host never links out of that store. Anything else (an
 * absolute URL, `#top`, `?p=2`) is returned as it is.
 */
export function toStoreHref(path: string, linkBase: string): string {
  return linkBase === "" || !path.startsWith("/") || path.startsWith("//") ? path : `${linkBase}${path}`;
}

export function toPublicUrl(path: string, publicUrl: string): string {
  return /^https?:\/\//i.test(path) ? path : `${publicUrl.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}
