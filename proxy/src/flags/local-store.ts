// The embedded flag store: one JSON file in FLAG_STATE_DIR, written atomically, re-read when another
// process (a second worker or instance sharing the directory) changed it. Reads are from memory.
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { readFileIfExists, writeFileAtomic } from "./atomic-file.ts";
import { FlagStateError } from "./errors.ts";
import type { LocalFlag } from "./types.ts";

const FILE_NAME = "local-flags.json";

const localFlagSchema = z.object({
  enabled: z.boolean(),
  percentage: z.number().min(0).max(100),
  stickiness: z.enum(["sessionId", "userId", "random"]).optional(),
  updatedAt: z.string(),
});
export const flagFileSchema = z.object({ version: z.literal(1), flags: z.record(z.string(), localFlagSchema) });

export interface LocalFlagStore {
  /** Where the flags live, for messages: a file path or a Redis key. */
  readonly location: string;
  get(name: string): LocalFlag | undefined;
  entries(): Array<[string, LocalFlag]>;
  /** Re-reads the file from disk under a fresh copy of it, applies `change`, writes it back atomically. */
  update(change: (flags: Map<string, LocalFlag>) => void): Promise<void>;
  /** Picks up a change another process wrote; cheap when nothing changed (one stat). */
  refresh(): Promise<void>;
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

export async function createLocalFlagStore(dir: string): Promise<LocalFlagStore> {
  const path = join(dir, FILE_NAME);
  let flags = new Map<string, LocalFlag>();
  let seen = "";
  let writing: Promise<void> = Promise.resolve();

  async function readSignature(): Promise<string> {
    try {
      const info = await stat(path);
      return `${info.mtimeMs}:${info.size}:${info.ino}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return "";
      throw error;
    }
  }

  async function load(): Promise<void> {
    const signature = await readSignature();
    if (signature === seen) return;
    const text = await readFileIfExists(path);
    flags = text === undefined ? new Map() : parseFlagsJson(`local flag file ${path}`, text);
    seen = signature;
  }

  async function write(change: (draft: Map<string, LocalFlag>) => void): Promise<void> {
    await load();
    const draft = new Map(flags);
    change(draft);
    await writeFileAtomic(path, serializeFlags(draft));
    flags = draft;
    seen = await readSignature();
  }

  await load();
  return {
    location: path,
    get: (name) => flags.get(name),
    entries: () => [...flags.entries()],
    update(change) {
      // Writes queue behind each other so two admin calls never interleave their read-modify-write.
      const next = writing.then(() => write(change));
      writing = next.catch(() => undefined);
      return next;
    },
    refresh: () => load(),
  };
}
