/**
 * A minimal browser for tests: a cookie jar over fetch that keeps Set-Cookie values (expired
 * ones removed), never follows redirects by itself, and sends a Referer like a browser would.
 */
export interface BrowserResponse {
  status: number;
  headers: Headers;
  body: string;
  location?: string;
}

export interface Browser {
  readonly cookies: Map<string, string>;
  get(path: string, headers?: Record<string, string>): Promise<BrowserResponse>;
  post(path: string, form: Record<string, string>, referer?: string): Promise<BrowserResponse>;
  /** GET, then follow redirects (up to 5). */
  follow(response: BrowserResponse): Promise<BrowserResponse>;
  cookieHeader(): string;
}

export function createBrowser(baseUrl: string): Browser {
  const cookies = new Map<string, string>();
  const store = (headers: Headers) => {
    for (const line of headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired) cookies.delete(name);
      else cookies.set(name, decodeURIComponent(pair.slice(index + 1)));
    }
  };
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ");
  const send = async (method: string, path: string, body?: string, extra: Record<string, string> = {}) => {
    const headers: Record<string, string> = { cookie: cookieHeader(), ...extra };
    if (body !== undefined) headers["content-type"] = "application/x-www-form-urlencoded";
    const response = await fetch(new URL(path, baseUrl), { method, headers, body, redirect: "manual" });
    store(response.headers);
    const location = response.headers.get("location") ?? undefined;
    return { status: response.status, headers: response.headers, body: await response.text(), location };
  };
  const browser: Browser = {
    cookies,
    cookieHeader,
    get: (path, headers) => send("GET", path, undefined, headers),
    post: (path, form, referer) => send("POST", path, new URLSearchParams(form).toString(), referer ? { referer: new URL(referer, baseUrl).toString() } : {}),
    async follow(response) {
      let current = response;
      for (let hops = 0; current.location && hops < 5; hops++) current = await send("GET", current.location);
      return current;
    },
  };
  return browser;
}
