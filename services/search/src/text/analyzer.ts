// One way to turn text into words, used for documents and queries alike, by both engines, so a
// query finds what was indexed whatever engine answers: HTML tags dropped, entities decoded
// (`LumaTech&trade;`), accents and apostrophes dropped, lower case, split on anything that is not a
// letter or digit (`V-neck` → `v neck`), then every synonym replaced by its group's first entry, on
// both sides, so `duffel bag` meets `Duffle Bag`. Stemming and typos are the engines' part.
import { decodeHTML } from "entities";

export interface TextAnalyzer {
  /** Every word of the text, synonyms replaced (document side). */
  words(text: string): string[];
  /** The words of a query: as `words`, without stop words (unless nothing else is left). */
  queryWords(text: string): string[];
  /** The text as one comparable key (exact-name matching). */
  key(text: string): string;
}

export interface AnalyzerOptions {
  /** Groups of equivalent words or phrases; the first entry of a group is what all become. */
  synonyms: string[][];
  stopWords: string[];
}

/** HTML → text: tags dropped, entities decoded. */
export function htmlToText(html: string): string {
  return decodeHTML(html.replace(/<[^>]*>/g, " "));
}

function splitWords(text: string): string[] {
  return decodeHTML(text)
    // Symbols go before NFKD, which would spell ™ as "TM".
    .replace(/[^\p{L}\p{N}\p{M}'’]+/gu, " ")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

function compileSynonyms(groups: string[][]): { phrases: Map<string, string[]>; longest: number } {
  const phrases = new Map<string, string[]>();
  let longest = 1;
  for (const group of groups) {
    const canonical = splitWords(group[0] ?? "");
    for (const entry of group) {
      const words = splitWords(entry);
      if (words.length === 0) continue;
      phrases.set(words.join(" "), canonical);
      longest = Math.max(longest, words.length);
    }
  }
  return { phrases, longest };
}

export function createTextAnalyzer(options: AnalyzerOptions): TextAnalyzer {
  const { phrases, longest } = compileSynonyms(options.synonyms);
  const stopWords = new Set(options.stopWords.flatMap(splitWords));

  function replaceSynonyms(words: string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < words.length;) {
      let matched = false;
      for (let length = Math.min(longest, words.length - i); length > 0 && !matched; length -= 1) {
        const canonical = phrases.get(words.slice(i, i + length).join(" "));
        if (canonical) {
          out.push(...canonical);
          i += length;
          matched = true;
        }
      }
      if (!matched) out.push(words[i++]!);
    }
    return out;
  }

  const words = (text: string) => replaceSynonyms(splitWords(text));
  return {
    words,
    queryWords: (text) => {
      const all = words(text);
      const kept = all.filter((word) => !stopWords.has(word));
      return kept.length > 0 ? kept : all;
    },
    key: (text) => splitWords(text).join(" "),
  };
}
