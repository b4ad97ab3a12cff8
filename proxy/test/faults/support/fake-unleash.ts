// Unleash's client API as unleash-client sees it: /api/client/features with an ETag (304 while unchanged),
// /api/client/register and /api/client/metrics accepted. The payload comes from the flags tests' own
// builders. Restartable on its port, so a test can kill it mid-load and bring it back.
import { featuresPayload } from "../../flags/support/unleash-payloads.ts";
import type { toggle } from "../../flags/support/unleash-payloads.ts";
import { startRestartableUpstream } from "./restartable-upstream.ts";
import type { RestartableUpstream } from "./restartable-upstream.ts";

const ETAG = '"fault-flags-1"';

export interface FakeUnleash extends RestartableUpstream {
  /** API root, as UNLEASH_URL expects it. */
  apiUrl: string;
  /** When each features request was answered (performance.now()). */
  featureAnswers: number[];
}

export async function startFakeUnleash(toggles: Array<ReturnType<typeof toggle>>): Promise<FakeUnleash> {
  const body = JSON.stringify(featuresPayload(...toggles));
  const featureAnswers: number[] = [];
  const upstream = await startRestartableUpstream("unleash", (req, res) => {
    const path = new URL(req.url ?? "/", "http://unleash").pathname;
    if (req.method === "GET" && path === "/api/client/features") {
      featureAnswers.push(performance.now());
      if (req.headers["if-none-match"] === ETAG) res.writeHead(304, { ETag: ETAG }).end();
      else res.writeHead(200, { "Content-Type": "application/json", ETag: ETAG }).end(body);
    } else if (req.method === "POST" && (path === "/api/client/register" || path === "/api/client/metrics")) {
      res.writeHead(202).end();
    } else {
      res.writeHead(404).end();
    }
  });
  return Object.assign(upstream, { apiUrl: `${upstream.url}/api`, featureAnswers });
}
