// Which Magento cache tags touch the index.
import { describe, expect, it } from "vitest";
import { mergeScopes, readPurgeTags } from "../../src/indexing/purge-tags.ts";

describe("readPurgeTags", () => {
  it.each([
    ["products", ["cat_p_1", "cat_p_68", "cat_p_1"], { all: false, productIds: [1, 68], categoryIds: [] }],
    ["categories and their product lists", ["cat_c_12", "cat_c_p_12", "cat_c_20"], { all: false, productIds: [], categoryIds: [12, 20] }],
    ["tags that do not touch the index", ["cms_b_footer", "cat_p", "store", "cat_p_x"], { all: false, productIds: [], categoryIds: [] }],
  ])("reads %s", (_case, tags, scope) => {
    expect(readPurgeTags(tags, false)).toEqual(scope);
  });

  it("merges scopes waiting for one refresh", () => {
    expect(mergeScopes(readPurgeTags(["cat_p_1"], false), readPurgeTags(["cat_p_2", "cat_c_3"], false)))
      .toEqual({ all: false, productIds: [1, 2], categoryIds: [3] });
    expect(mergeScopes(readPurgeTags(["cat_p_1"], false), readPurgeTags([], true)).all).toBe(true);
  });
});
