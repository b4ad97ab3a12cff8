// The facts worker thread: decoding and parsing HTML costs milliseconds of CPU, which must never be taken
// from the shop's event loop (shadow work adds no latency to a shopper's answer). One message in, one out.
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { parentPort } from "node:worker_threads";
import { extractGraphqlFacts, extractPageFacts } from "./commerce-facts.ts";
import type { Facts } from "./commerce-facts.ts";
import type { FactsJob, FactsReply, RawAnswer } from "./facts-pool.ts";

// This thread runs at the lowest CPU priority (nice 19), so on a busy core the shop's thread always comes
// first. Linux applies a nice value to one thread when given its thread id; elsewhere this is skipped.
try {
  const tid = Number(readlinkSync("/proc/thread-self").split("/").at(-1));
  if (Number.isInteger(tid) && tid > 0) setPriority(tid, 19);
} catch {
  // not Linux, or not allowed: the worker runs at the process's priority
}

function decode(answer: RawAnswer): string {
  const body = Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength);
  const encoding = (answer.contentEncoding ?? "").trim().toLowerCase();
  const plain = encoding === "gzip" || encoding === "x-gzip" ? gunzipSync(body)
    : encoding === "br" ? brotliDecompressSync(body)
      : encoding === "deflate" ? inflateSync(body) : body;
  return plain.toString("utf8");
}

function toFacts(kind: FactsJob["kind"], answer: RawAnswer): Facts {
  const response = { status: answer.status, location: answer.location, body: decode(answer) };
  return kind === "graphql" ? extractGraphqlFacts(response) : extractPageFacts(response);
}

parentPort!.on("message", (job: FactsJob) => {
  let reply: FactsReply;
  try {
    reply = { id: job.id, facts: job.answers.map((answer) => toFacts(job.kind, answer)) };
  } catch (error) {
    reply = { id: job.id, error: String(error) };
  }
  parentPort!.postMessage(reply);
});
