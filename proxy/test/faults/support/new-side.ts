// The new side under test: answers `new <METHOD> <path>` (so a shopper can tell who answered), counts
// what it received, and can be switched to the faults: slow (answers after `slowMs`), reset (destroys the
// connection once the request has arrived), or killed (see restartable-upstream.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import { textHandler } from "../../support/upstream.ts";
import { startRestartableUpstream } from "./restartable-upstream.ts";
import type { RestartableUpstream } from "./restartable-upstream.ts";

export type NewSideMode = "ok" | "slow" | "reset";

export interface NewSideOptions {
  /** How long a slow answer takes, in ms. */
  slowMs: number;
  /** A delay before every healthy answer, in ms (keeps requests in flight); default 0. */
  delayMs?: number;
}

export interface NewSide extends RestartableUpstream {
  setMode(mode: NewSideMode): void;
}

export async function startNewSide(options: NewSideOptions): Promise<NewSide> {
  let mode: NewSideMode = "ok";
  const answer = textHandler("new");
  const answerAfter = (ms: number, req: IncomingMessage, res: ServerResponse) => {
    if (ms <= 0) return answer(req, res, "");
    const timer = setTimeout(() => answer(req, res, ""), ms);
    res.once("close", () => clearTimeout(timer));
  };
  const upstream = await startRestartableUpstream("new", (req, res) => {
    if (mode === "reset") req.socket.destroy();
    else answerAfter(mode === "slow" ? options.slowMs : options.delayMs ?? 0, req, res);
  });
  return Object.assign(upstream, { setMode: (next: NewSideMode) => { mode = next; } });
}
