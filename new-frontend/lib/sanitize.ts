// Magento CMS and description HTML is written by admins and may hold anything: keep the structure
// and classes a content page needs, drop scripts, event handlers, forms and javascript: URLs, and any
// `{{directive}}` Magento left unrendered. Inline styles keep only spacing, alignment and list style
// with plain values (Luma's sample content lays out with them); positioning, colours and url() go.
import sanitizeHtml from "sanitize-html";

const length = /^-?\d{1,4}(\.\d{1,3})?(px|em|rem|%)?$/;
const lengths = /^(-?\d{1,4}(\.\d{1,3})?(px|em|rem|%)?|auto)( (-?\d{1,4}(\.\d{1,3})?(px|em|rem|%)?|auto)){0,3}$/;

function layoutStyles(): Record<string, RegExp[]> {
  const spacing = ["margin", "padding"].flatMap((box) => [box, ...["top", "right", "bottom", "left"].map((side) => `${box}-${side}`)]);
  return {
    ...Object.fromEntries(spacing.map((property) => [property, [lengths]])),
    "text-align": [/^(left|right|center|justify)$/],
    "list-style": [/^(none|disc|circle|square|decimal)$/],
    "list-style-type": [/^(none|disc|circle|square|decimal)$/],
    width: [length],
    "max-width": [length],
  };
}

const options: sanitizeHtml.IOptions = {
  allowedTags: [
    "a", "abbr", "address", "b", "blockquote", "br", "caption", "cite", "code", "dd", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s",
    "section", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
  ],
  allowedAttributes: {
    "*": ["class", "id", "title", "lang", "data-content-type", "data-appearance", "data-element", "style"],
    a: ["href", "name", "target", "rel"],
    img: ["src", "alt", "width", "height", "loading"],
    td: ["colspan", "rowspan"],
    th: ["colspan", "rowspan", "scope"],
  },
  allowedStyles: { "*": layoutStyles() },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowedSchemesByTag: { img: ["http", "https", "data"] },
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  nonTextTags: ["script", "style", "textarea", "noscript", "iframe", "object", "embed", "template", "title"],
  transformTags: {
    // A link that opens a new window must not hand the opener to the target page.
    a: (tagName, attribs) => (attribs.target === "_blank" ? { tagName, attribs: { ...attribs, rel: "noopener noreferrer" } } : { tagName, attribs }),
  },
};

/** Sanitized HTML safe to inject with dangerouslySetInnerHTML. */
export function sanitizeCmsHtml(html: string | null | undefined): string {
  if (!html) return "";
  const withoutDirectives = html.replace(/\{\{[^}]*\}\}/g, "");
  return sanitizeHtml(withoutDirectives, options).trim();
}

/** Plain text (for meta descriptions built from HTML), whitespace collapsed, at most `max` characters. */
export function toPlainText(html: string | null | undefined, max = 255): string {
  if (!html) return "";
  const text = sanitizeHtml(html.replace(/\{\{[^}]*\}\}/g, ""), { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
