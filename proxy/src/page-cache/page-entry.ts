// One kept answer: the upstream's status and headers (filtered and rewritten for the shopper, before any
// per-shopper header such as our session cookie), the whole body, its tags and its times.
export interface PageEntry {
  status: number;
  /** Names and values alternating, as node's writeHead takes them. */
  headers: string[];
  body: Buffer;
  tags: string[];
  /** Date.now() when stored; fresh until freshUntil, then may answer stale until staleUntil. */
  storedAt: number;
  freshUntil: number;
  staleUntil: number;
  /** The ETag header's value, for If-None-Match. */
  etag: string | undefined;
}

/** Bytes an entry holds, roughly: what the memory budget counts. */
export function entrySize(entry: PageEntry): number {
  let size = entry.body.length + 200;
  for (const text of entry.headers) size += text.length;
  for (const tag of entry.tags) size += tag.length + 16;
  return size;
}
