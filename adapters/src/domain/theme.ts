/** One stylesheet of the legacy store's theme, as its page head links it. */
export interface Stylesheet {
  /** As Magento wrote it: usually absolute, on Magento's static URL (`…/static/version…/frontend/…/styles-m.css`). */
  href: string;
  /** The link's media query, e.g. `screen and (min-width: 768px)`; absent = all. */
  media?: string;
}
