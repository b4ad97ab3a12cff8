// Shop URLs on a store's public URL. Pure.

/**
 * A shop path on the store's public URL, keeping a path the public URL has (`https://shop.example/fr`,
 * Magento's store code in URLs): `/joust-duffle-bag.html` → `https://shop.example/fr/joust-duffle-bag.html`.
 * An absolute URL is returned as it is.
 */
export function toPublicUrl(path: string, publicUrl: string): string {
  return /^https?:\/\//i.test(path) ? path : `${publicUrl.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}
