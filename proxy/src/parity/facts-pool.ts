// Facts extraction off the shop's event loop: a worker thread (facts-worker.ts) decodes and parses the
// answers; the main thread only posts buffers and receives small fact objects. A worker that dies is
// replaced, and the jobs it held fail (their comparison is dropped, never retried).
import { Worker } from "node:worker_threads";
import type { Facts } from "./commerce-facts.ts";

export interface RawAnswer {
  status: number;
  location: string | undefined;
  contentEncoding: string | undefined;
  body: Uint8Array;
}

export interface FactsJob {
  id: number;
  kind: "page" | "graphql";
  answers: RawAnswer[];
}

export type FactsReply = { id: number; facts: Facts[] } | { id: number; error: string };

export interface FactsPool {
  extract(kind: FactsJob["kind"], answers: RawAnswer[]): Promise<Facts[]>;
  close(): Promise<void>;
}

export function createFactsPool(): FactsPool {
  const pending = new Map<number, { resolve(facts: Facts[]): void; reject(error: Error): void }>();
  let nextId = 1;
  let worker: Worker | undefined;
  let closed = false;

  function start(): Worker {
    const started = new Worker(new URL("./facts-worker.ts", import.meta.url));
    started.unref(); // shadow work never keeps the process alive
    started.on("message", (reply: FactsReply) => {
      const job = pending.get(reply.id);
      pending.delete(reply.id);
      if ("error" in reply) job?.reject(new Error(reply.error));
      else job?.resolve(reply.facts);
    });
    started.on("error", () => undefined); // "exit" follows and fails what it held
    started.on("exit", () => {
      if (worker === started) worker = undefined;
      for (const job of pending.values()) job.reject(new Error("the facts worker stopped"));
      pending.clear();
    });
    return started;
  }

  return {
    extract(kind, answers) {
      if (closed) return Promise.reject(new Error("the facts pool is closed"));
      worker ??= start();
      const id = nextId++;
      const target = worker;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        target.postMessage({ id, kind, answers } satisfies FactsJob);
      });
    },
    async close() {
      closed = true;
      await worker?.terminate();
    },
  };
}
