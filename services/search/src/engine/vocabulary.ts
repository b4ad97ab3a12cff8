// The words an index holds, for "did you mean": a query word no document holds is matched to the
// closest indexed word within the edits typo tolerance allows.
import { distance } from "fastest-levenshtein";

export interface TypoRules {
  enabled: boolean;
  /** Words this long or longer may have one typo; twice as long, two. */
  minWordLength: number;
}

/** Edits a query word may be away from an indexed word; none for codes (words with digits: SKUs). */
export function allowedEdits(word: string, rules: TypoRules): number {
  if (!rules.enabled || word.length < rules.minWordLength || /\d/.test(word)) return 0;
  return word.length >= rules.minWordLength * 2 ? 2 : 1;
}

export interface Vocabulary {
  add(text: string): void;
  /** Indexed words within `edits` of the word, closest first (at most `limit`, default 8). */
  near(word: string, edits: number, limit?: number): string[];
}

export function createVocabulary(): Vocabulary {
  const words = new Set<string>();
  let list: string[] | undefined;
  return {
    add(text) {
      for (const word of text.split(" ")) {
        if (word.length < 3 || /^\d+$/.test(word) || words.has(word)) continue;
        words.add(word);
        list = undefined;
      }
    },
    near(word, edits, limit = 8) {
      if (edits === 0) return [];
      list ??= [...words];
      const found: [string, number][] = [];
      for (const candidate of list) {
        // Lengths further apart than the edits allowed cannot be that close: skip the distance.
        if (candidate === word || Math.abs(candidate.length - word.length) > edits) continue;
        const d = distance(word, candidate);
        if (d <= edits) found.push([candidate, d]);
      }
      return found.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).slice(0, limit).map(([candidate]) => candidate);
    },
  };
}
