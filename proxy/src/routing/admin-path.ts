// Which paths are Magento's admin, as its front controller reads them: the admin front name (stores rename
// it, so it is configured) in any letter case, optionally behind `/index.php` and behind a store code
// ("Add Store Code to URLs"). Those always stay on legacy; no plan can route them away. Compiled once into
// one case-insensitive regular expression, so the per-request check is a single test.

export type AdminPathGuard = (path: string) => boolean;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function createAdminPathGuard(adminPath: string, storeCodes: Iterable<string>): AdminPathGuard {
  const frontName = adminPath.replace(/^\/+|\/+$/g, "");
  const codes = [...storeCodes].filter((code) => code !== "").map(escape);
  const storePrefix = codes.length > 0 ? `(?:(?:${codes.join("|")})/+)?` : "";
  const pattern = new RegExp(`^/+(?:index\\.php/+)?${storePrefix}${escape(frontName)}(?:/|$)`, "i");
  return (path) => pattern.test(path);
}
