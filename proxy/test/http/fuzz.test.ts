// Property-based fuzz of the two functions every request target goes through before routing: for any
// input they return a canonical path or throw the documented RequestRefusedError, and what they return
// is a fixed point (normalizing it again changes nothing and throws nothing).
// This fuzz found that the UTF-8 check once ran over the bytes of all segments together, so
// `/%c3/../%a9` was accepted as `/%A9`, which was then refused when normalized again; each segment is
// now checked on its own (the regression table below).
import type { IncomingMessage } from "node:http";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RequestRefusedError } from "../../src/errors.ts";
import { normalizePath } from "../../src/http/normalize-path.ts";
import { readRequestTarget } from "../../src/http/request-target.ts";

const NUM_RUNS = 3000;

const PATH_CODES = new Set([
  "PATH_NOT_ABSOLUTE", "PATH_BACKSLASH", "PATH_RAW_BYTE", "PATH_BAD_ESCAPE", "PATH_ENCODED_SLASH",
  "PATH_ENCODED_CONTROL", "PATH_ENCODED_DOT_SEGMENT", "PATH_INVALID_UTF8",
]);
const TARGET_CODES = new Set([...PATH_CODES, "METHOD_CONNECT", "TARGET_FORM", "TARGET_OTHER_HOST", "TARGET_FRAGMENT"]);

// Pieces that matter to a path normalizer: separators, dot segments (plain and encoded), escapes of
// unreserved, reserved, control and multi-byte characters, broken escapes, and raw bytes it must refuse.
const pathPiece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("/", "//", ".", "..", "/./", "/../", "a", "Z", "9", "-", "_", "~", "joust-duffle-bag.html") },
  { weight: 4, arbitrary: fc.constantFrom("%2e", "%2E", "%2f", "%2F", "%5c", "%41", "%7e", "%7E", "%25", "%3f", "%20", "%00", "%0d%0a", "%7f") },
  { weight: 3, arbitrary: fc.constantFrom("%c3", "%a9", "%C3%A9", "%e2%82%ac", "%e2%82", "%c0%ae", "%ff", "%f0%9f%98%80") },
  { weight: 2, arbitrary: fc.constantFrom("%", "%4", "%zz", "\\", " ", "\"", "<", ">", "é", "\u0000", "\u007f", "!$&'()*+,;=:@") },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
);
const pathLike = fc.array(pathPiece, { maxLength: 14 }).map((pieces) => `/${pieces.join("")}`);
const anyPath = fc.oneof({ weight: 8, arbitrary: pathLike }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) });

/** The refusal's code, after checking it is a documented RequestRefusedError; anything else fails the property. */
function refusal(error: unknown, codes: Set<string>): { code: string } {
  expect(error).toBeInstanceOf(RequestRefusedError);
  const refused = error as RequestRefusedError;
  expect(codes.has(refused.code), `undocumented code ${refused.code}`).toBe(true);
  expect(refused.status).toBe(refused.code === "METHOD_CONNECT" ? 405 : 400);
  return { code: refused.code };
}

/** What `run` returned, or the documented refusal it threw. */
function attempt<T>(run: () => T, codes: Set<string>): { value: T } | { code: string } {
  try {
    return { value: run() };
  } catch (error) {
    return refusal(error, codes);
  }
}

/** What normalize promises: absolute, pchar or upper-case escapes only, no empty or dot segment, no encoded unreserved character. */
function expectCanonical(path: string): void {
  expect(path).toMatch(/^\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})*$/);
  expect(path).not.toContain("//");
  const segments = path.split("/").slice(1);
  expect(segments.slice(0, -1).every((segment) => segment !== "" && segment !== "." && segment !== "..")).toBe(true);
  expect([".", ".."]).not.toContain(segments.at(-1));
  for (const [escape] of path.matchAll(/%[0-9A-F]{2}/g)) {
    expect(escape, `${escape} encodes an unreserved character`).not.toMatch(/%(?:[46][1-9A-F]|[57][0-9A]|3[0-9]|2D|2E|5F|7E)/);
  }
}

/** The one known non-idempotent case: accepted only because a removed segment's bytes completed the UTF-8. */
describe("normalizePath under fuzz", () => {
  it("returns a canonical path or throws RequestRefusedError with a documented code", () => {
    fc.assert(fc.property(anyPath, (input) => {
      const result = attempt(() => normalizePath(input), PATH_CODES);
      if ("value" in result) expectCanonical(result.value);
    }), { numRuns: NUM_RUNS });
  });

  it("is idempotent: normalizing its output returns the same path and never throws", () => {
    fc.assert(fc.property(anyPath, (input) => {
      const first = attempt(() => normalizePath(input), PATH_CODES);
      if (!("value" in first)) return;
      const again = attempt(() => normalizePath(first.value), PATH_CODES);
      expect(again).toEqual(first);
    }), { numRuns: NUM_RUNS });
  });

  it.each([
    ["/%c3/../%a9", "a segment a later .. removes"],
    ["/%c3/%a9", "one character's bytes split over two segments"],
    ["/ok/%e2%82/x", "a truncated character"],
  ])("rejects %s (%s): each segment's bytes must be UTF-8 on their own", (input) => {
    expect(attempt(() => normalizePath(input), PATH_CODES)).toEqual({ code: "PATH_INVALID_UTF8" });
  });

  it("accepts a multi-byte character within one segment", () => {
    expect(normalizePath("/caf%c3%a9/../cr%c3%a8me")).toBe("/cr%C3%A8me");
  });

  it("keeps an already canonical path as it is", () => {
    const canonical = fc.array(fc.stringMatching(/^[A-Za-z0-9\-_~!$&'()*+,;=:@]+(?:\.[a-z]+)?$/), { maxLength: 6 })
      .chain((segments) => fc.constantFrom("", "/").map((end) => `/${segments.join("/")}${segments.length > 0 ? end : ""}`));
    fc.assert(fc.property(canonical, (path) => {
      expect(normalizePath(path)).toBe(path);
    }), { numRuns: 1000 });
  });
});

const hostArb = fc.constantFrom("shop.test", "SHOP.test:8080", "127.0.0.1:8080", "evil.test");
const request = fc.record({
  method: fc.constantFrom("GET", "HEAD", "POST", "CONNECT", "OPTIONS"),
  host: fc.option(hostArb, { nil: undefined }),
  target: fc.oneof(
    { weight: 6, arbitrary: fc.tuple(pathLike, fc.constantFrom("", "?", "?q=bag", "?a=%2f&b=..", "?x#frag", "#frag")).map(([path, rest]) => `${path}${rest}`) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom("http://", "https://", "HTTP://", "ftp://"), hostArb, fc.constantFrom("", "/", "?q=1"), pathLike).map(([scheme, host, before, path]) => `${scheme}${host}${before}${path}`) },
    { weight: 1, arbitrary: fc.constantFrom("*", "", "shop.test:443", "//evil.test/x") },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  ),
});
const asRequest = (r: { method: string; host?: string; target: string }) =>
  ({ method: r.method, url: r.target, headers: r.host === undefined ? {} : { host: r.host } }) as unknown as IncomingMessage;

describe("readRequestTarget under fuzz", () => {
  it("returns a canonical path and the query as sent, or throws RequestRefusedError with a documented code", () => {
    fc.assert(fc.property(request, (r) => {
      const attempted = attempt(() => readRequestTarget(asRequest(r)), TARGET_CODES);
      if (!("value" in attempted)) return;
      const result = attempted.value;
      expectCanonical(result.path);
      expect(result.search === "" || (result.search.startsWith("?") && r.target.endsWith(result.search))).toBe(true);
      expect(result.search).not.toContain("#");
      expect(r.method).not.toBe("CONNECT");
      // No open proxy: an absolute-form target is only served for the shop's own Host.
      const authority = /^https?:\/\/([^/?#]*)/i.exec(r.target)?.[1];
      if (authority !== undefined) expect(authority.toLowerCase()).toBe(r.host?.toLowerCase());
    }), { numRuns: NUM_RUNS });
  });

  it("is idempotent: its own path and query, sent again as an origin-form target, come back unchanged", () => {
    fc.assert(fc.property(request, (r) => {
      const first = attempt(() => readRequestTarget(asRequest(r)), TARGET_CODES);
      if (!("value" in first)) return;
      const again = attempt(() => readRequestTarget(asRequest({ ...r, target: `${first.value.path}${first.value.search}` })), TARGET_CODES);
      expect(again).toEqual(first);
    }), { numRuns: NUM_RUNS });
  });
});
