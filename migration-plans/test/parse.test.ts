import { describe, expect, it } from "vitest";
import { parsePlanFile } from "../src/parse.ts";
import { checkFiles, summarize } from "./helpers.ts";

describe("YAML syntax", () => {
  const DEFAULT_FIX = "fix the YAML at this position; quote values that contain ': ', '#' or start with '*', '&', '!', '{' or '['";
  it.each([
    ["a nested mapping on one line", "id: p\ntarget: legacy\nmatch:\n  - path: regex: ^/x\n",
      `p.yaml:4:11 yaml-syntax Nested mappings are not allowed in compact mappings | ${DEFAULT_FIX}`],
    ["a duplicate key", "id: p\ntarget: legacy\nid: q\nmatch: [{ path: /x }]\n",
      "p.yaml:3:1 yaml-syntax Map keys must be unique | remove one of the two keys; each key may appear once in a mapping"],
    ["an unclosed flow sequence", "id: p\ntarget: legacy\nmatch: [{ path: /x }\n",
      "p.yaml:4:1 yaml-syntax Flow sequence in block collection must be sufficiently indented and end with a ] | indent nested keys deeper than their parent, with spaces, and close every [ and {"],
    ["an unterminated quote", 'id: p\ntarget: "legacy\nmatch: [{ path: /x }]\n',
      `p.yaml:2:9 yaml-syntax Missing closing "quote | ${DEFAULT_FIX}`],
    ["two documents in one file", "id: p\ntarget: legacy\nmatch: [{ path: /x }]\n---\nid: q\n",
      "p.yaml:4:1 yaml-syntax Source contains multiple documents; please use YAML.parseAllDocuments() | keep one plan per file; move the second document (after ---) to its own file"],
  ])("rejects %s with its line and column", (_name, text, expected) => {
    expect(summarize(checkFiles({ "p.yaml": text }))).toEqual([expected]);
  });

  it("locates keys and values, and falls back to the nearest existing ancestor", () => {
    const parsed = parsePlanFile("p.yaml", "# c\nid: p\nmatch:\n  - path: /x\n    methods: [GET, POST]\n");
    expect(parsed.locate(["match", 0, "methods", 1])).toEqual({ line: 5, column: 20 });
    expect(parsed.locate(["match", 0, "methods"], "key")).toEqual({ line: 5, column: 5 });
    expect(parsed.locate(["match", 0, "host"])).toEqual({ line: 4, column: 5 });
    expect(parsed.locate(["target"])).toEqual({ line: 2, column: 1 });
  });
});
