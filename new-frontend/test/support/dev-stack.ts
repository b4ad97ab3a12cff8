// Starts the e2e stack and keeps it running (for poking at it by hand): node test/support/dev-stack.ts [percentage]
import { startStack } from "./stack.ts";
import { writePlans } from "./plans.ts";

const stack = await startStack(await writePlans(Number(process.argv[2] ?? 100)));
console.log(JSON.stringify({ shop: stack.shopUrl, next: stack.nextUrl, legacy: stack.sandbox.url, admin: stack.proxy.adminUrl }));
process.on("SIGTERM", () => void stack.close().then(() => process.exit(0)));
