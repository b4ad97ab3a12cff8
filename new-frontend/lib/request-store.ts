// For pages rendered per request (search, the 404 page): the store view named by the request itself.
import { cookies, headers } from "next/headers";
import { getFrontendConfig } from "./config.ts";
import { enterStoreView, pickStoreCode } from "./store-view.ts";

export async function enterRequestStoreView(): Promise<void> {
  const [head, jar] = await Promise.all([headers(), cookies()]);
  enterStoreView(pickStoreCode(head.get("store"), jar.get("store")?.value, getFrontendConfig()));
}
