// Hot reload: watches the plans directory (not recursive) and, after a quiet period, reloads EVERY plan and
// hands the new LoadResult to the caller. Reloading everything keeps cross-file checks honest and makes
// editors that save through temp files and renames harmless: whatever the events, the next load sees the
// directory as it is. The caller keeps serving its last good plans when a result is not ok.
import { watch } from "node:fs";
import type { FSWatcher } from "node:fs";
import { PlansDirectoryError } from "./errors.ts";
import { loadPlans } from "./load.ts";
import type { LoadOptions, LoadResult } from "./types.ts";

export interface WatchOptions extends LoadOptions {
  /** Quiet period after the last file event before reloading, in milliseconds. Default 100. */
  debounceMs?: number;
  /** Receives an exception thrown by `onChange`; the watcher keeps running. Default: a process warning. */
  onError?: (error: unknown) => void;
}

export interface PlansWatcher {
  close(): Promise<void>;
}

// Plan files, and the `..data` link a Kubernetes ConfigMap swaps atomically on every update.
const RELEVANT = /\.ya?ml$|^\.\.data/;

export function watchPlans(dir: string, options: WatchOptions, onChange: (result: LoadResult) => void): PlansWatcher {
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
  const schedule = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (running) {
        pending = true; // the running reload loops once more and sees this change too
        return;
      }
      running = reload().finally(() => (running = undefined));
    }, debounceMs);
  };

  let watcher: FSWatcher;
  try {
    watcher = watch(dir, { recursive: false, persistent: false }, (_event, filename) => {
      // No name means the platform could not tell which file changed: reload to be safe.
      if (filename === null || RELEVANT.test(String(filename))) schedule();
    });
  } catch (error) {
    throw new PlansDirectoryError(dir, error);
  }
  // The directory itself vanished or became unreadable: the reload reports it as a read-error problem.
  watcher.on("error", schedule);

  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      watcher.close();
      await running;
    },
  };
}
