// Called by the adapters' purge (`onPurged`) with the Magento cache tags it dropped: re-renders exactly
// the pages built from them. POST { "tags": ["cat_p_14", ...] } with `Authorization: Bearer <REVALIDATE_TOKEN>`.
import { timingSafeEqual } from "node:crypto";
import { revalidateTag } from "next/cache";
import { z } from "zod";
import { getFrontendConfig } from "../../../lib/config.ts";
import { expandPurgedTags } from "../../../lib/cache-tags.ts";
import { purgeAdapterCache } from "../../../lib/magento.ts";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ tags: z.array(z.string().min(1).max(200)).min(1).max(1000) });

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
    return Response.json({ message: 'Body must be JSON like {"tags": ["cat_p_14"]} (1 to 1000 tags)' }, { status: 400 });
  }
  const tags = expandPurgedTags(parsed.data.tags);
  const purged = await purgeAdapterCache(tags);
  // Expire at once: the next visitor gets a fresh render, never the stale page.
  for (const tag of tags) revalidateTag(tag, { expire: 0 });
  return Response.json({ revalidated: tags, purged });
}
