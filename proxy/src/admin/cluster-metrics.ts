// With WORKERS > 1 every worker listens on the admin port, so a scrape lands on one of them at random.
// That worker asks the primary over the cluster's IPC channel; the primary gathers every worker's
// registry with prom-client's AggregatorRegistry (each metric combined by its `aggregator`: counters and
// histograms summed, circuits and ages by the worst) and hands the text back. One scrape, the whole proxy.
import cluster from "node:cluster";
import type { Worker } from "node:cluster";
import { AggregatorRegistry } from "prom-client";
import type { Registry } from "prom-client";

const ASK = "strangler:metrics-ask";
const ANSWER = "strangler:metrics-answer";
const ANSWER_TIMEOUT_MS = 10_000;

interface Ask { type: typeof ASK; id: number }
interface Answer { type: typeof ANSWER; id: number; text?: string; error?: string }

/** In the primary: answers workers' asks with the sum over all workers. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on("message", (worker: Worker, message: Partial<Ask>) => {
    if (message?.type !== ASK || typeof message.id !== "number") return;
    const id = message.id;
    aggregator.clusterMetrics().then(
      (text) => send(worker, { type: ANSWER, id, text }),
      (error: unknown) => send(worker, { type: ANSWER, id, error: error instanceof Error ? error.message : String(error) }),
    );
  });
}

function send(worker: Worker, answer: Answer): void {
  if (worker.isConnected()) worker.send(answer);
}

/** In a worker: offers `registry` to the primary's aggregator and returns a render of the whole cluster. */
export function createClusterRender(registry: Registry): () => Promise<string> {
  AggregatorRegistry.setRegistries([registry]);
  new AggregatorRegistry(); // installs the worker's side: answering the primary's requests for this registry
  let nextId = 0;
  const waiting = new Map<number, { resolve(text: string): void; reject(error: Error): void }>();
  process.on("message", (message: Partial<Answer>) => {
    if (message?.type !== ANSWER || typeof message.id !== "number") return;
    const pending = waiting.get(message.id);
    if (pending === undefined) return;
    waiting.delete(message.id);
    if (message.text !== undefined) pending.resolve(message.text);
    else pending.reject(new Error(`cluster metrics failed: ${message.error ?? "no answer"}`));
  });
  return () => new Promise<string>((resolve, reject) => {
    const id = nextId++;
    const timer = setTimeout(() => {
      waiting.delete(id);
      reject(new Error("cluster metrics: the primary did not answer"));
    }, ANSWER_TIMEOUT_MS);
    waiting.set(id, {
      resolve: (text) => { clearTimeout(timer); resolve(text); },
      reject: (error) => { clearTimeout(timer); reject(error); },
    });
    process.send!({ type: ASK, id } satisfies Ask);
  });
}
