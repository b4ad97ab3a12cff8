import { describe, expect, it } from "vitest";
import { RequestRefusedError } from "../../src/errors.ts";
import { normalizePath } from "../../src/http/normalize-path.ts";

describe("normalizePath", () => {
  it.each([
    ["/joust-duffle-bag.html", "/joust-duffle-bag.html"],
    ["/", "/"],
    ["/checkout/cart/", "/checkout/cart/"],
    ["/a//b///c", "/a/b/c"],
    ["/a/./b", "/a/b"],
    ["/a/b/../c", "/a/c"],
    ["/a/b/..", "/a/"],
    ["/../../etc", "/etc"],
    ["/%6a%6F%75st.html", "/joust.html"],
    ["/a%7Eb%2d%5F", "/a~b-_"],
    ["/caf%c3%a9", "/caf%C3%A9"],
    ["/search%20term", "/search%20term"],
    ["/a%3fb", "/a%3Fb"],
    ["/a%25b", "/a%25b"],
    ["/q\"<>", "/q%22%3C%3E"],
    ["/.well-known/security.txt", "/.well-known/security.txt"],
    ["/a.b/c..d", "/a.b/c..d"],
  ])("accepts %s as %s", (input, expected) => {
    expect(normalizePath(input)).toBe(expected);
  });

  it.each([
    ["/a%2fb", "PATH_ENCODED_SLASH", "encoded slashes (%2f, %5c) are not allowed in the path"],
    ["/a%2Fb", "PATH_ENCODED_SLASH", "encoded slashes (%2f, %5c) are not allowed in the path"],
    ["/a%5cb", "PATH_ENCODED_SLASH", "encoded slashes (%2f, %5c) are not allowed in the path"],
    ["/a/%2e%2e/b", "PATH_ENCODED_DOT_SEGMENT", "percent-encoded dot segments (%2e%2e) are not allowed"],
    ["/a/.%2e/b", "PATH_ENCODED_DOT_SEGMENT", "percent-encoded dot segments (%2e%2e) are not allowed"],
    ["/a/%2E/b", "PATH_ENCODED_DOT_SEGMENT", "percent-encoded dot segments (%2e%2e) are not allowed"],
    ["/a%00.html", "PATH_ENCODED_CONTROL", "encoded NUL or control characters are not allowed in the path"],
    ["/a%0d%0aSet-Cookie:x", "PATH_ENCODED_CONTROL", "encoded NUL or control characters are not allowed in the path"],
    ["/%c0%ae%c0%ae/x", "PATH_INVALID_UTF8", "the path's percent-encoded bytes are not valid UTF-8 (overlong or truncated)"],
    ["/%e2%82", "PATH_INVALID_UTF8", "the path's percent-encoded bytes are not valid UTF-8 (overlong or truncated)"],
    ["/%ff", "PATH_INVALID_UTF8", "the path's percent-encoded bytes are not valid UTF-8 (overlong or truncated)"],
    ["/a\\b", "PATH_BACKSLASH", "backslashes are not allowed in the path"],
    ["/a%zz", "PATH_BAD_ESCAPE", "invalid percent-encoding \"%zz\" in the path"],
    ["/a%4", "PATH_BAD_ESCAPE", "invalid percent-encoding \"%4\" in the path"],
    ["/café", "PATH_RAW_BYTE", "the path contains a raw control or non-ASCII byte"],
  ])("rejects %s with %s", (input, code, message) => {
    const attempt = () => normalizePath(input);
    expect(attempt).toThrow(RequestRefusedError);
    expect(attempt).toThrow(message);
    try { attempt(); } catch (error) { expect((error as RequestRefusedError).code).toBe(code); }
  });
});
