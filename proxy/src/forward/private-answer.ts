// An answer whose side depended on who asked (a plan mid-ramp, a crawler, an engineer's debug or forced
// request) must never be kept by a shared cache in front of the proxy (Varnish, Fastly, a CDN): it would hand
// one shopper's side, and its Set-Cookie, to everyone. Such an answer keeps what it says for the browser but
// becomes `private`: `public` and `s-maxage` go, and so does Surrogate-Control (Varnish's and Fastly's own
// header). An engineer's answer is `private, no-store`: a forced page must not linger even in their browser.

export type AnswerPrivacy = "private" | "no-store";

const SHARED_ONLY = /^(?:public|s-maxage=.*|proxy-revalidate|private|no-store)$/i;

/** Rewrites the raw header list (names and values alternating) in place. */
export function makeAnswerPrivate(headers: string[], privacy: AnswerPrivacy): void {
  const kept: string[] = [];
  let browserDirectives: string[] = [];
  for (let i = 0; i < headers.length; i += 2) {
    const lower = headers[i]!.toLowerCase();
    if (lower === "surrogate-control") continue;
    if (lower === "cache-control") {
      browserDirectives = [...browserDirectives, ...headers[i + 1]!.split(",").map((part) => part.trim()).filter((part) => part !== "" && !SHARED_ONLY.test(part))];
      continue;
    }
    kept.push(headers[i]!, headers[i + 1]!);
  }
  const directives = privacy === "no-store"
    ? ["private", "no-store"]
    : ["private", ...browserDirectives];
  kept.push("Cache-Control", directives.join(", "));
  headers.length = 0;
  headers.push(...kept);
}
