// The facts worker thread: decoding and parsing HTML costs milliseconds of CPU, which must never be taken
// from the shop's event loop (shadow work adds no latency to a shopper's answer). One message in, one out.
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { parentPort } from "node:worker_threads";
import { extractGraphqlFacts, extractPageFacts } from "./commerce-facts.ts";
import type { Facts } from "./commerce-facts.ts";
import type { FactsJob, FactsReply, RawAnswer } from "./facts-pool.ts";

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
