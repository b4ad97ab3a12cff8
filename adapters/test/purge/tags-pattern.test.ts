// Magento's purge pattern is read as data, never compiled: only its tag-list form and exactly `.*`.
import { describe, expect, it } from "vitest";
import { PurgeRefusedError, parseTagsPattern } from "../../src/index.ts";

const refusal = "X-Magento-Tags-Pattern must be Magento's ((^|,)<tag>(,|$)) alternatives joined by | "
  + "(tags of 1 to 200 letters, digits, _ . : -), or exactly .* for a full flush";

describe("parseTagsPattern", () => {
  it.each([
    ["accepts Magento's OR of tags", "((^|,)cat_p_1(,|$))|((^|,)cat_c_3(,|$))", { all: false, tags: ["cat_p_1", "cat_c_3"] }],
    ["accepts one tag", "((^|,)cms_b_footer-links(,|$))", { all: false, tags: ["cms_b_footer-links"] }],
    ["accepts a repeated tag once", "((^|,)cat_p_1(,|$))|((^|,)cat_p_1(,|$))", { all: false, tags: ["cat_p_1"] }],
    ["accepts exactly .* as a full flush", ".*", { all: true }],
  ])("%s", (_name, pattern, expected) => {
    expect(parseTagsPattern(pattern)).toEqual(expected);
  });

  it.each([
    ["rejects an empty pattern", ""],
    ["rejects a padded full flush", " .*"],
    ["rejects another everything-regex", ".+"],
    ["rejects a free regex over tags", "^cat_p_[0-9]+$"],
    ["rejects a catastrophic-backtracking regex", "((^|,)(a+)+$(,|$))"],
    ["rejects an alternative with regex syntax in the tag", "((^|,)cat_p_.*(,|$))"],
    ["rejects an empty tag", "((^|,)(,|$))"],
    ["rejects an empty alternative", "((^|,)cat_p_1(,|$))|"],
    ["rejects a missing opening", "cat_p_1(,|$))"],
    ["rejects a full flush hidden in an alternative", "((^|,)cat_p_1(,|$))|.*"],
    ["rejects a tag of 201 characters", `((^|,)${"a".repeat(201)}(,|$))`],
  ])("%s", (_name, pattern) => {
    const refused = (() => {
      try {
        parseTagsPattern(pattern);
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(PurgeRefusedError);
    expect(refused).toMatchObject({ status: 400, code: "PURGE_REFUSED", message: refusal });
  });

  it("rejects a hostile 8 KiB pattern", () => {
    const hostile = `((^|,)${"a".repeat(8_000)}!(,|$))`;
    expect(() => parseTagsPattern(hostile)).toThrow(refusal);
  });
});
