// The flags a process keeps in memory (local flags, kill overrides) and the one JSON format they are
// stored in. Where they are stored is a backend: a file in FLAG_STATE_DIR (local-store.ts) or a Redis
// key (redis-flag-store.ts). Reads are from memory; writes queue behind each other and re-read first,
// so two admin calls never interleave their read-modify-write.
import { z } from "zod";
import { FlagStateError } from "./errors.ts";
import type { LocalFlag } from "./types.ts";

const localFlagSchema = z.object({
  enabled: z.boolean(),
  percentage: z.number().min(0).max(100),
  // "userId" was accepted once and always behaved as sessionId (nothing filled it): saved state keeps loading.
  stickiness: z.enum(["sessionId", "random"]).or(z.literal("userId").transform(() => "sessionId" as const)).optional(),
  updatedAt: z.string(),
});
export const flagFileSchema = z.object({ version: z.literal(1), flags: z.record(z.string(), localFlagSchema) });

export interface LocalFlagStore {
  /** Where the flags live, for messages: a file path or a Redis key. */
  readonly location: string;
  get(name: string): LocalFlag | undefined;
  entries(): Array<[string, LocalFlag]>;
  /** Re-reads the stored copy, applies `change` to a draft of it, stores the draft. */
  update(change: (flags: Map<string, LocalFlag>) => void): Promise<void>;
  /** Picks up a change another process wrote; cheap when nothing changed. */
  refresh(): Promise<void>;
}

/** `read` answers UNCHANGED when the stored copy is still the version the store last took in. */
export const UNCHANGED = Symbol("unchanged");

/** A version tells copies apart cheaply (a file's stat signature, a Redis value itself); null: nothing stored. */
export interface StoredFlags {
  version: string | null;
  text: string | undefined;
}

export interface FlagMapBackend {
  readonly location: string;
  /** Names the stored copy in errors, e.g. "local flag file /x/local-flags.json". */
  readonly label: string;
  read(lastVersion: string | null | undefined): Promise<StoredFlags | typeof UNCHANGED>;
  /** Stores the text; answers its version. */
  write(text: string): Promise<string | null>;
}

/** Parses the stored JSON; `where` names it in errors ("local flag file /x/local-flags.json"). */
export function parseFlagsJson(where: string, text: string): Map<string, LocalFlag> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FlagStateError(`${where} is not valid JSON`, error);
  }
  const result = flagFileSchema.safeParse(json);
  if (!result.success) throw new FlagStateError(`${where} is malformed: ${z.prettifyError(result.error)}`, result.error);
  return new Map(Object.entries(result.data.flags));
}

export function serializeFlags(flags: Map<string, LocalFlag>): string {
  return `${JSON.stringify({ version: 1, flags: Object.fromEntries(flags) }, null, 2)}\n`;
}

/** Empty until the first refresh(); the caller decides whether a failing first read is fatal. */
export function createFlagMapStore(backend: FlagMapBackend): LocalFlagStore {
  let flags = new Map<string, LocalFlag>();
  // Taken in only after a copy parsed, so a broken copy is read (and refused) again, never written over.
  let seen: string | null | undefined;
  let writing: Promise<void> = Promise.resolve();

  async function load(): Promise<void> {
    const stored = await backend.read(seen);
    if (stored === UNCHANGED) return;
    flags = stored.text === undefined ? new Map() : parseFlagsJson(backend.label, stored.text);
    seen = stored.version;
  }

  async function write(change: (draft: Map<string, LocalFlag>) => void): Promise<void> {
    await load();
    const draft = new Map(flags);
    change(draft);
    seen = await backend.write(serializeFlags(draft));
    flags = draft;
  }

  return {
    location: backend.location,
    get: (name) => flags.get(name),
    entries: () => [...flags.entries()],
    update(change) {
      const next = writing.then(() => write(change));
      writing = next.catch(() => undefined);
      return next;
    },
    refresh: () => load(),
  };
}
