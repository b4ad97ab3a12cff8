// Typo tolerance's rules and the indexed words a misspelt word may stand for.
import { describe, expect, it } from "vitest";
import { allowedEdits, createVocabulary } from "../../src/engine/vocabulary.ts";

const rules = { enabled: true, minWordLength: 4 };

describe("typo tolerance", () => {
  it.each([["tee", 0], ["jackt", 1], ["compresion", 2], ["mb01", 0], ["24", 0]])("allows %s %i edits", (word, edits) => {
    expect(allowedEdits(word, rules)).toBe(edits);
  });

  it("allows none when it is off", () => {
    expect(allowedEdits("jackt", { ...rules, enabled: false })).toBe(0);
  });

  it("finds the indexed words within the edits, closest first", () => {
    const vocabulary = createVocabulary();
    vocabulary.add("jacket jackets hoodie short sport 2024");
    expect(vocabulary.near("jackt", 1)).toEqual(["jacket"]);
    expect(vocabulary.near("jackts", 2)).toEqual(["jackets", "jacket"]);
    expect(vocabulary.near("shorp", 1)).toEqual(["short"]);
    expect(vocabulary.near("2025", 1)).toEqual([]);
    expect(vocabulary.near("jacket", 1)).toEqual(["jackets"]);
  });
});
