// STORE_HOSTS: which Magento store view (and website) a Host serves, as the web server's MAGE_RUN_CODE
// per virtual host says in a real install. `fr.shop.test=fr,shop.test=default@base`: the website after
// `@` defaults to Magento's first one, `base`. Parsed once by config.ts.
import { z } from "zod";

export interface StoreHost {
  store: string;
  website: string;
}

/** Lower-case hostname (no port) → its store view and website. */
export type StoreHosts = ReadonlyMap<string, StoreHost>;

const HOSTNAME = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;
const CODE = /^[a-z][a-z0-9_]*$/;
export const DEFAULT_WEBSITE = "base";

export const storeHostsSchema = z.string().default("").transform((value, ctx): StoreHosts => {
  const hosts = new Map<string, StoreHost>();
  for (const entry of value.split(",").map((item) => item.trim()).filter((item) => item !== "")) {
    const match = /^([^=]+)=([^@]+)(?:@(.+))?$/.exec(entry);
    const host = match?.[1]?.trim().toLowerCase() ?? "";
    const store = match?.[2]?.trim() ?? "";
    const website = match?.[3]?.trim() ?? DEFAULT_WEBSITE;
    if (!match || !HOSTNAME.test(host) || !CODE.test(store) || !CODE.test(website)) {
      ctx.addIssue({ code: "custom", message: `"${entry}" is not host=store or host=store@website` });
    } else if (hosts.has(host)) {
      ctx.addIssue({ code: "custom", message: `${host} is named twice` });
    } else {
      hosts.set(host, { store, website });
    }
  }
  return hosts;
}).describe("a comma-separated list of host=store or host=store@website, such as fr.shop.test=fr,shop.test=default");

/** The stores STORE_HOSTS names that STORE_CODES does not list (each must be a known store). */
export function findUnknownStores(hosts: StoreHosts, storeCodes: readonly string[]): string[] {
  return [...new Set([...hosts.values()].map((entry) => entry.store))].filter((store) => !storeCodes.includes(store));
}

/** Store code → website, for the stores STORE_HOSTS names; the others are in DEFAULT_WEBSITE. */
export function indexWebsites(hosts: StoreHosts): (store: string) => string {
  const websites = new Map([...hosts.values()].map((entry) => [entry.store, entry.website]));
  return (store) => websites.get(store) ?? DEFAULT_WEBSITE;
}
