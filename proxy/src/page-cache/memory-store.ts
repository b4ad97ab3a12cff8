// The page cache's memory: an LRU bounded by bytes (a Map keeps insertion order; a read moves the entry to
// the young end), with a tag index so a purge drops exactly the entries built from a purged entity.
import { entrySize } from "./page-entry.ts";
import type { PageEntry } from "./page-entry.ts";

export interface MemoryStore {
  get(key: string): PageEntry | undefined;
  set(key: string, entry: PageEntry): void;
  delete(key: string): void;
  /** Drops every entry carrying one of the tags; returns how many went. */
  purgeTags(tags: readonly string[]): number;
  clear(): number;
  readonly size: number;
  readonly bytes: number;
}

export function createMemoryStore(maxBytes: number): MemoryStore {
  const entries = new Map<string, PageEntry>();
  const sizes = new Map<string, number>();
  const byTag = new Map<string, Set<string>>();
  let bytes = 0;

  function remove(key: string): void {
    const entry = entries.get(key);
    if (entry === undefined) return;
    entries.delete(key);
    bytes -= sizes.get(key)!;
    sizes.delete(key);
    for (const tag of entry.tags) {
      const keys = byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) byTag.delete(tag);
    }
  }

  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      entries.delete(key);
      entries.set(key, entry);
      return entry;
    },
    set(key, entry) {
      remove(key);
      const size = entrySize(entry);
      if (size > maxBytes) return;
      entries.set(key, entry);
      sizes.set(key, size);
      bytes += size;
      for (const tag of entry.tags) {
        let keys = byTag.get(tag);
        if (keys === undefined) byTag.set(tag, (keys = new Set()));
        keys.add(key);
      }
      while (bytes > maxBytes) remove(entries.keys().next().value!);
    },
    delete: remove,
    purgeTags(tags) {
      let dropped = 0;
      for (const tag of tags) {
        const keys = byTag.get(tag);
        if (keys === undefined) continue;
        for (const key of [...keys]) { remove(key); dropped += 1; }
      }
      return dropped;
    },
    clear() {
      const dropped = entries.size;
      entries.clear(); sizes.clear(); byTag.clear();
      bytes = 0;
      return dropped;
    },
    get size() { return entries.size; },
    get bytes() { return bytes; },
  };
}
