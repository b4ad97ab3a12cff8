// The embedded flag store: one JSON file in FLAG_STATE_DIR, written atomically, re-read when another
// process (a second worker or instance sharing the directory) changed it (one stat when it did not).
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { readFileIfExists, writeFileAtomic } from "./atomic-file.ts";
import { createFlagMapStore, UNCHANGED, type FlagMapBackend, type LocalFlagStore } from "./flag-map-store.ts";

const FILE_NAME = "local-flags.json";

async function readSignature(path: string): Promise<string> {
  try {
    const info = await stat(path);
    return `${info.mtimeMs}:${info.size}:${info.ino}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw error;
  }
}

function createFileBackend(path: string): FlagMapBackend {
  return {
    location: path,
    label: `local flag file ${path}`,
    async read(lastVersion) {
      const version = await readSignature(path);
      if (version === lastVersion) return UNCHANGED;
      return { version, text: await readFileIfExists(path) };
    },
    async write(text) {
      await writeFileAtomic(path, text);
      return readSignature(path);
    },
  };
}

/** Rejects when the file exists but is broken: a proxy must not start on flags it cannot read. */
export async function createLocalFlagStore(dir: string): Promise<LocalFlagStore> {
  const store = createFlagMapStore(createFileBackend(join(dir, FILE_NAME)));
  await store.refresh();
  return store;
}
