// An answer whose side depended on who asked (a plan mid-ramp, a crawler, an engineer's debug or forced
// request) must never be kept by a shared cache in front of the proxy (Varnish, Fastly, a CDN): it would hand
// one shopper's side, and its Set-Cookie, to everyone. Such an answer keeps what it says for the browser but
// becomes `private`: `public` and `s-maxage` go, and so does Surrogate-Control (Varnish's and Fastly's own
// header). An engineer's answer is `private, no-store`: a forced page must not linger even in their browser.

export type AnswerPrivacy = "private" | "no-store";

const SHARED_ONLY = /^(?:public|s-maxage=.*|proxy-revalidate|private|no-store)$/i;

/** The raw header list (names and values alternating) as a shared cache must see it: private. */
export function makeAnswerPrivate(headers: readonly string[], privacy: AnswerPrivacy): string[] {
  const kept: string[] = [];
  const directives = ["private"];
  for (let i = 0; i < headers.length; i += 2) {
    const lower = headers[i]!.toLowerCase();
    if (lower === "cache-control") {
      for (const part of headers[i + 1]!.split(",")) {
        const directive = part.trim();
        if (directive !== "" && !SHARED_ONLY.test(directive)) directives.push(directive);
      }
    } else if (lower !== "surrogate-control") {
      kept.push(headers[i]!, headers[i + 1]!);
    }
  }
  kept.push("Cache-Control", privacy === "no-store" ? "private, no-store" : directives.join(", "));
  return kept;
}
