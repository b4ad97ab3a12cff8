// Called by the adapters' purge (`onPurged`) with the Magento cache tags it dropped: re-renders exactly
// the pages built from them. POST { "tags": ["cat_p_14", ...] } with `Authorization: Bearer <REVALIDATE_TOKEN>`;
// `{ "all": true }` (Magento's full flush, `.*`) drops every page and the adapters' whole cache.
import { timingSafeEqual } from "node:crypto";
import { revalidatePath, revalidateTag } from "next/cache";
import { z } from "zod";
import { getFrontendConfig } from "../../../lib/config.ts";
import { expandPurgedTags } from "../../../lib/cache-tags.ts";
import { purgeAdapterCache, purgeAllAdapterCache } from "../../../lib/magento.ts";
import { getFrontendMetrics } from "../../../lib/metrics.ts";

export const dynamic = "force-dynamic";

const bodySchema = z.union([
  z.object({ tags: z.array(z.string().min(1).max(200)).min(1).max(1000), all: z.literal(false).optional() }),
  z.object({ all: z.literal(true), tags: z.array(z.string()).optional() }),
]);

function isAuthorized(header: string | null, token: string | undefined): boolean {
  if (!token || !header?.startsWith("Bearer ")) return false;
  const given = Buffer.from(header.slice("Bearer ".length));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function POST(request: Request): Promise<Response> {
  if (!isAuthorized(request.headers.get("authorization"), getFrontendConfig().revalidateToken)) {
    return Response.json({ message: "A valid Authorization: Bearer <REVALIDATE_TOKEN> header is required" }, { status: 401 });
  }
  const parsed = bodySchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) {
    return Response.json({ message: 'Body must be JSON like {"tags": ["cat_p_14"]} (1 to 1000 tags) or {"all": true}' }, { status: 400 });
  }
  if (parsed.data.all) {
    const purged = await purgeAllAdapterCache();
    revalidatePath("/", "layout");
    getFrontendMetrics().revalidations.inc();
    return Response.json({ revalidated: "all", purged });
  }
  const tags = expandPurgedTags(parsed.data.tags);
  const purged = await purgeAdapterCache(tags);
  // Expire at once: the next visitor gets a fresh render, never the stale page.
  for (const tag of tags) revalidateTag(tag, { expire: 0 });
  getFrontendMetrics().revalidations.inc();
  return Response.json({ revalidated: tags, purged });
}
