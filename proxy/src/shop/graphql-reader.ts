// Reads a request's GraphQL operation for the router, only when a graphql route's method, path and other
// predicates already hold (decide said NEEDS_GRAPHQL): a GET's `query=` at once, a POST's JSON body once it
// has arrived, up to the body buffer's bound. The body is read by the forwarder's own reader, which the
// forwarder then takes over, so it is sent upstream as read, never read twice. A larger body, a body that
// fails, or a text that cannot be read leaves the operation unread: the route's fallback answers.
import { parse } from "graphql";
import type { Readable } from "node:stream";
import { readPostedOperation, readQueryStringOperation } from "../graphql/graphql-request.ts";
import type { ParseGraphql } from "../graphql/graphql-request.ts";
import type { ReadOperation } from "../graphql/read-operation.ts";
import { RequestBodyReader } from "../forward/request-body.ts";
import type { BodyLimits } from "../forward/request-body.ts";
import type { Exchange } from "./exchange.ts";

/** Bounds graphql-js's work on a hostile document (it stops at this many tokens). */
const MAX_TOKENS = 20_000;

export const parseGraphql: ParseGraphql = (text) => parse(text, { noLocation: true, maxTokens: MAX_TOKENS });

export interface GraphqlReader {
  /** Reads the operation, settles ex.graphqlState, then calls `then` (at once for a GET, later for a POST). */
  read(ex: Exchange, then: (ex: Exchange) => void): void;
}

/** Told of every read: the operation's type, or "unreadable". */
export type OnGraphqlRead = (result: "query" | "mutation" | "subscription" | "unreadable") => void;

export function createGraphqlReader(limits: BodyLimits, parseText: ParseGraphql = parseGraphql, onRead: OnGraphqlRead = () => {}): GraphqlReader {
  function settle(ex: Exchange, result: ReadOperation | undefined, buffered: boolean): void {
    onRead(result?.ok === true ? result.operation.type : "unreadable");
    if (result?.ok === true) {
      ex.graphql = result.operation;
      ex.graphqlState = "resolved";
      ex.graphqlQuery = buffered && result.operation.type === "query";
    } else {
      ex.graphqlState = "failed";
    }
  }

  function read(ex: Exchange, then: (ex: Exchange) => void): void {
    if (ex.method === "GET" && !ex.hasBody) {
      settle(ex, readQueryStringOperation(ex.query, parseText), true);
      return then(ex);
    }
    const length = Number(ex.headers["content-length"] ?? 0);
    if (ex.method !== "POST" || !ex.hasBody || length > limits.bufferBytes) {
      settle(ex, undefined, false);
      return then(ex);
    }
    let settled = false;
    ex.bodyReader = new RequestBodyReader(ex.req, limits, {
      onBodyReady(body: Buffer | Readable) {
        if (settled) return;
        settled = true;
        settle(ex, Buffer.isBuffer(body) ? readPostedOperation(body, parseText) : undefined, Buffer.isBuffer(body));
        then(ex);
      },
      onBodyFailed() {
        if (settled) return;
        settled = true;
        settle(ex, undefined, false);
        then(ex); // the forwarder takes the reader over and ends the request with the body's failure
      },
    });
  }

  return { read };
}
