// Requests node's parser refuses before any handler sees them ('clientError'): headers over the size limit
// (431), a method the parser does not know, such as BAN (405), a head that took too long (408), malformed
// framing (400). We answer on the raw socket as node would, and report each refusal so it gets an access
// line and a metric; what we can read of the request line (method, path) goes with it.
import { STATUS_CODES } from "node:http";
import type { ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

export interface ClientRefusal {
  method: string;
  path: string;
  status: number;
  /** node's error code, e.g. HPE_HEADER_OVERFLOW. */
  refused: string;
}

type ClientError = Error & { code?: string; rawPacket?: Buffer };
type ParserSocket = Duplex & { _httpMessage?: ServerResponse | null };

const REQUEST_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]{1,32}) (\S{1,2048}) HTTP\/\d\.\d\r?\n/;
const STATUS_BY_CODE: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

/** Answers the refused request on its socket; undefined when there is no one to answer (the shopper left). */
export function answerClientError(error: ClientError, socket: Duplex, allowHeader: string): ClientRefusal | undefined {
  const code = error.code ?? "CLIENT_ERROR";
  const inResponse = (socket as ParserSocket)._httpMessage?.headersSent === true;
  if (code === "ECONNRESET" || code === "EPIPE" || !socket.writable || inResponse) {
    socket.destroy();
    return undefined;
  }
  const line = REQUEST_LINE.exec(error.rawPacket?.toString("latin1", 0, Math.min(error.rawPacket.length, 2_100)) ?? "");
  let status = STATUS_BY_CODE[code] ?? 400;
  // A well-formed request line whose method the parser does not know: a method we do not allow.
  if (code === "HPE_INVALID_METHOD" && line !== null) status = 405;
  const allow = status === 405 ? `Allow: ${allowHeader}\r\n` : "";
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${allow}Content-Length: 0\r\nConnection: close\r\n\r\n`);
  return { method: line?.[1] ?? "-", path: line?.[2]?.split("?")[0] ?? "-", status, refused: code };
}
