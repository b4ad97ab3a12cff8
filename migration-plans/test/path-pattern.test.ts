import { describe, expect, it } from "vitest";
import { canPathsOverlap, canSegmentsOverlap, parsePathPattern } from "../src/path-pattern.ts";
import type { PathPredicate } from "../src/types.ts";

function predicate(raw: string): PathPredicate {
  const parsed = parsePathPattern(raw);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.predicate;
}

describe("path pattern overlap", () => {
  it.each([
    ["/a", "/a", true], ["/a", "/b", false],
    ["/a/*", "/a/b", true], ["/a/*", "/a/b/c", false], ["/a/*", "/a/", true],
    ["/a/**", "/a", true], ["/a/**", "/a/b/c", true], ["/a/**", "/ab", false],
    ["/a/**", "/*/x/**", true], ["/a/**", "/b/**", false], ["/**", "/anything", true],
    ["/*.html", "/gear.html", true], ["/*.html", "/gear.json", false], ["/g*r.html", "/*ar.html", true],
    ["/x*", "/*y", true], ["/ab*", "/ba*", false],
    ["regex:^/gear/", "/gear/bags", true], ["regex:^/gear/", "/women", false],
    ["regex:^/gear/", "/gear/**", true], ["regex:^/gear/", "regex:^/gear/", true], ["regex:^/a", "regex:^/b", false],
  ])("%s and %s overlap: %s", (a, b, expected) => {
    expect(canPathsOverlap(predicate(a), predicate(b))).toBe(expected);
    expect(canPathsOverlap(predicate(b), predicate(a))).toBe(expected);
  });

  it.each([["a*c", "abc", true], ["*", "", true], ["a*", "*b", true], ["a*b", "a*c", false], ["", "x", false]])(
    "segments %s and %s overlap: %s",
    (p, q, expected) => expect(canSegmentsOverlap(p, q)).toBe(expected),
  );
});
