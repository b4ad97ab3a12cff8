// The page's Magento cache tags in its HTML, for the routing proxy's shared page cache: Next.js cannot
// set a response header from a page, so the tags Magento would send as X-Magento-Tags travel as
// `<meta name="x-magento-tags">` (React hoists it into <head>). The proxy keeps a page only with its
// tags, and drops it when Magento purges one of them. Tags are entity ids, nothing personal.
import { navigationTag } from "../../lib/cache-tags.ts";

export function CacheTagsMeta({ tags }: { tags: string[] }) {
  return <meta name="x-magento-tags" content={[...new Set([...tags, navigationTag])].join(",")} />;
}
