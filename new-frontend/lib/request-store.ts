// For pages rendered per request (search, the 404 page): the store view proxy.ts settled, which it passes
// on as the request's `Store` header.
import { cookies, headers } from "next/headers";
import { getFrontendConfig } from "./config.ts";
import { enterStoreView, pickStore } from "./store-view.ts";

export async function enterRequestStoreView(): Promise<void> {
  const [head, jar] = await Promise.all([headers(), cookies()]);
  enterStoreView(pickStore(head.get("store"), jar.get("store")?.value, "/", getFrontendConfig()).code);
}
