// One normalization, done once, so the route table and the upstream see the same path: unreserved
// characters percent-decoded, hex upper-cased, dot segments removed, repeated slashes collapsed.
// Encodings that could make Magento serve something other than what was routed are refused instead.
import { RequestRefusedError } from "../errors.ts";

// Already canonical: only pchar and "/" with no "//" or "/." — most shop URLs take this path.
const CANONICAL = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/;
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
const PCHAR_RAW = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]$/;
const HEX = "0123456789ABCDEF";
const UTF8 = new TextDecoder("utf-8", { fatal: true });

function refuse(code: string, message: string): never {
  throw new RequestRefusedError(code, message);
}

/** Normalizes an origin-form path (no query). Throws RequestRefusedError (400) on a dangerous encoding. */
export function normalizePath(path: string): string {
  if (CANONICAL.test(path) && !path.includes("//") && !path.includes("/.")) return path;
  if (path[0] !== "/") refuse("PATH_NOT_ABSOLUTE", "request path must start with /");
  if (path.includes("\\")) refuse("PATH_BACKSLASH", "backslashes are not allowed in the path");
  const raw = path.split("/");
  const out: string[] = [];
  const highBytes: number[] = [];
  for (let i = 1; i < raw.length; i++) {
    highBytes.length = 0;
    const segment = normalizeSegment(raw[i]!, highBytes);
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      out.pop();
      continue;
    }
    // Each segment on its own, as it is written: a later ".." must not turn refused bytes into accepted
    // ones, and the output must normalize to itself.
    if (highBytes.length > 0) checkUtf8(highBytes);
    out.push(segment);
  }
  const last = raw[raw.length - 1];
  const trailing = raw.length > 2 && (last === "" || last === "." || last === "..") && out.length > 0;
  return "/" + out.join("/") + (trailing ? "/" : "");
}

function normalizeSegment(segment: string, highBytes: number[]): string {
  let result = "";
  for (let i = 0; i < segment.length; i++) {
    const char = segment[i]!;
    if (char === "%") {
      result += decodeEscape(segment, i, highBytes);
      i += 2;
    } else if (PCHAR_RAW.test(char)) {
      result += char;
    } else {
      const code = char.charCodeAt(0);
      if (code < 0x21 || code > 0x7e) refuse("PATH_RAW_BYTE", "the path contains a raw control or non-ASCII byte");
      result += "%" + HEX[code >> 4] + HEX[code & 15];
    }
  }
  if ((result === "." || result === "..") && segment !== result) {
    refuse("PATH_ENCODED_DOT_SEGMENT", "percent-encoded dot segments (%2e%2e) are not allowed");
  }
  return result;
}

function decodeEscape(segment: string, at: number, highBytes: number[]): string {
  const hex = segment.slice(at + 1, at + 3);
  if (!/^[0-9A-Fa-f]{2}$/.test(hex)) refuse("PATH_BAD_ESCAPE", `invalid percent-encoding "%${hex}" in the path`);
  const byte = parseInt(hex, 16);
  if (byte === 0x2f || byte === 0x5c) refuse("PATH_ENCODED_SLASH", "encoded slashes (%2f, %5c) are not allowed in the path");
  if (byte < 0x20 || byte === 0x7f) refuse("PATH_ENCODED_CONTROL", "encoded NUL or control characters are not allowed in the path");
  const char = String.fromCharCode(byte);
  if (byte < 0x80 && UNRESERVED.test(char)) return char;
  if (byte >= 0x80) highBytes.push(byte);
  return "%" + hex.toUpperCase();
}

function checkUtf8(bytes: number[]): void {
  try {
    UTF8.decode(Uint8Array.from(bytes));
  } catch {
    refuse("PATH_INVALID_UTF8", "the path's percent-encoded bytes are not valid UTF-8 (overlong or truncated)");
  }
}
