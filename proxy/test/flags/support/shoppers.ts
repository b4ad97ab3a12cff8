// Synthetic shoppers: well-formed strangler_sid values, and which side served each of them.

/** `count` session ids the proxy accepts ([A-Za-z0-9_-]{16,64}), stable across runs. */
export function createShoppers(count: number, prefix: string): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(4, "0")}-${((i * 2654435761) % 2 ** 32).toString(16).padStart(8, "0")}`);
}

/** true when the new side ("new") answered the shopper, false for legacy; anything else fails the test. */
export async function readSide(shopUrl: string, path: string, sessionId: string): Promise<boolean> {
  const response = await fetch(`${shopUrl}${path}`, { headers: { cookie: `strangler_sid=${sessionId}` } });
  const body = await response.text();
  if (body !== "new" && body !== "legacy") throw new Error(`unexpected answer ${response.status}: ${body}`);
  return body === "new";
}

/** Each shopper's side through a proxy, 50 requests at a time; `pathOf` gives the URL path per shopper. */
export async function readSides(shopUrl: string, sessionIds: readonly string[], pathOf: (sessionId: string) => string): Promise<boolean[]> {
  const sides: boolean[] = [];
  for (let i = 0; i < sessionIds.length; i += 50) {
    const batch = sessionIds.slice(i, i + 50).map((sessionId) => readSide(shopUrl, pathOf(sessionId), sessionId));
    sides.push(...(await Promise.all(batch)));
  }
  return sides;
}

/** An in-memory CliIo that records what the CLI printed. */
export function captureIo(env: Record<string, string | undefined>) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { env, stdout: (line: string) => out.push(line), stderr: (line: string) => err.push(line) }, out, err };
}
