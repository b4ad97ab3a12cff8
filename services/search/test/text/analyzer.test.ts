// One analyzer for documents and queries: entities, accents, apostrophes, dashes, synonyms.
import { describe, expect, it } from "vitest";
import { createTextAnalyzer, htmlToText } from "../../src/text/analyzer.ts";

const analyzer = createTextAnalyzer({
  synonyms: [["tee", "t-shirt", "t shirt"], ["women", "womens", "ladies"], ["duffle", "duffel"]],
  stopWords: ["for", "the"],
});

describe("the text analyzer", () => {
  it.each([
    ["entities", "Ryker LumaTech&trade; Tee (Crew-neck)", ["ryker", "lumatech", "tee", "crew", "neck"]],
    ["apostrophes", "Beginner's Yoga", ["beginners", "yoga"]],
    ["accents", "Crème Brûlée", ["creme", "brulee"]],
    ["a two-word synonym", "Blue T-Shirt for women", ["blue", "tee", "for", "women"]],
    ["a synonym as a phrase", "t shirt", ["tee"]],
    ["a one-word synonym", "Ladies Duffel", ["women", "duffle"]],
    ["SKUs", "24-MB01 MH01-XS-Black", ["24", "mb01", "mh01", "xs", "black"]],
  ])("accepts %s", (_case, text, words) => {
    expect(analyzer.words(text)).toEqual(words);
  });

  it.each([
    ["stop words out of a query", "bag for the gym", ["bag", "gym"]],
    ["stop words kept when nothing else is left", "the", ["the"]],
  ])("takes %s", (_case, text, words) => {
    expect(analyzer.queryWords(text)).toEqual(words);
  });

  it("keys a name without synonyms, for exact matches", () => {
    expect(analyzer.key("  Joust  Duffle-Bag ")).toBe("joust duffle bag");
  });

  it("turns HTML into text", () => {
    expect(htmlToText("<p>Two-tone &bull; warm</p><br/>hood")).toBe(" Two-tone • warm  hood");
  });
});
