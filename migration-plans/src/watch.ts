// Hot reload: watches the plans directory (not recursive) and, after a quiet period, reloads EVERY plan and
// hands the new LoadResult to the caller. Reloading everything keeps cross-file checks honest and makes
// editors that save through temp files and renames harmless: whatever the events, the next load sees the
// directory as it is. The caller keeps serving its last good plans when a result is not ok.
//
// The directory itself may be replaced too: `rm -rf` + `mkdir`, a new directory `mv`ed into place, or a
// ConfigMap-style swap where the path is a symlink (`plans -> ..data_1`) renamed over to `..data_2`. An
// fs.watch follows the directory it was opened on (an inode), not the path, so it would go silent. So the
// parent directory is watched for events on the path's name, and the path's identity (device, inode,
// birth time, after following symlinks) is checked on those events, when the watched directory reports
// itself gone, and every `identityCheckMs` as a safety net (e.g. a symlink swapped higher up the path).
// When the identity changed, the directory is watched afresh and everything is reloaded; while the path
// is missing, the reload reports it as a read-error problem.
import { watch } from "node:fs";
import type { FSWatcher } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { PlansDirectoryError } from "./errors.ts";
import { loadPlans } from "./load.ts";
import type { LoadOptions, LoadResult } from "./types.ts";

export interface WatchOptions extends LoadOptions {
  /** Quiet period after the last file event before reloading, in milliseconds. Default 100. */
  debounceMs?: number;
  /** How often the directory's identity is checked besides file events, in milliseconds. Default 1000. */
  identityCheckMs?: number;
  /** Receives an exception thrown by `onChange`; the watcher keeps running. Default: a process warning. */
  onError?: (error: unknown) => void;
}

export interface PlansWatcher {
  close(): Promise<void>;
}

// Plan files, and the `..data` link a Kubernetes ConfigMap swaps atomically on every update.
const RELEVANT = /\.ya?ml$|^\.\.data/;
const MISSING = "missing";

async function identityOf(dir: string): Promise<string> {
  try {
    const stats = await stat(dir);
    return stats.isDirectory() ? `${stats.dev}:${stats.ino}:${stats.birthtimeMs}` : MISSING;
  } catch {
    return MISSING;
  }
}

/** Debounced reloads, one at a time; a change during a reload makes it run once more. */
function createReloader(dir: string, options: WatchOptions, onChange: (result: LoadResult) => void) {
  const debounceMs = options.debounceMs ?? 100;
  const onError = options.onError ?? ((error: unknown) => process.emitWarning(`watchPlans: onChange threw: ${String(error)}`));
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let pending = false;
  let closed = false;

  const reload = async (): Promise<void> => {
    do {
      pending = false;
      try {
        const result = await loadPlans(dir, options);
        if (!closed) onChange(result);
      } catch (error) {
        // A throwing callback must neither become an unhandled rejection nor stop later reloads.
        onError(error);
      }
    } while (pending && !closed);
  };
  return {
    schedule() {
      if (closed) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (running) {
          pending = true; // the running reload loops once more and sees this change too
          return;
        }
        running = reload().finally(() => (running = undefined));
      }, debounceMs);
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      await running;
    },
  };
}

export function watchPlans(dir: string, options: WatchOptions, onChange: (result: LoadResult) => void): PlansWatcher {
  const reloader = createReloader(dir, options, onChange);
  const name = basename(dir);
  let identity: Promise<string> = identityOf(dir);
  let dirWatcher: FSWatcher | undefined;
  let stale = false;
  let closed = false;
  let checking = Promise.resolve();

  const openDirWatcher = (): FSWatcher => {
    const opened = watch(dir, { recursive: false, persistent: false }, (_event, filename) => {
      // No name means the platform could not tell which file changed: reload to be safe.
      if (filename === null || RELEVANT.test(String(filename))) reloader.schedule();
      // The directory reports its own deletion or move under its own name.
      if (filename === null || String(filename) === name) {
        stale = true;
        follow();
      }
    });
    opened.on("error", () => {
      stale = true;
      follow();
    });
    return opened;
  };

  // Serialized, so two quick events cannot open two watchers.
  const follow = (): void => {
    checking = checking.then(async () => {
      if (closed) return;
      const [before, now] = [await identity, await identityOf(dir)];
      if (now === before && !stale) return;
      identity = Promise.resolve(now);
      stale = false;
      dirWatcher?.close();
      dirWatcher = undefined;
      if (now !== MISSING) {
        try {
          dirWatcher = openDirWatcher();
        } catch {
          stale = true; // replaced again between stat and watch: the next event or check retries
        }
      }
      reloader.schedule();
    });
  };

  try {
    dirWatcher = openDirWatcher();
  } catch (error) {
    throw new PlansDirectoryError(dir, error);
  }
  let parentWatcher: FSWatcher | undefined;
  try {
    parentWatcher = watch(dirname(dir), { recursive: false, persistent: false }, (_event, filename) => {
      if (filename === null || String(filename) === name) follow();
    });
    parentWatcher.on("error", () => parentWatcher?.close());
  } catch {
    // An unreadable parent leaves the periodic identity check to notice a replaced directory.
  }
  const checkTimer = setInterval(follow, options.identityCheckMs ?? 1000);
  checkTimer.unref();

  return {
    async close() {
      closed = true;
      clearInterval(checkTimer);
      parentWatcher?.close();
      await checking;
      dirWatcher?.close();
      await reloader.close();
    },
  };
}
