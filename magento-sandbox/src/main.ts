/** `npm run sandbox`: the only file that listens on a fixed port. */
import { loadConfig } from "./config.ts";
import { startSandbox } from "./index.ts";

const config = loadConfig(process.env);
const started = performance.now();
const sandbox = await startSandbox(config);
console.log(`Magento sandbox (2.4.8, Luma sample data) at ${sandbox.url}/ — ${sandbox.store.catalog.products.length} products, started in ${Math.round(performance.now() - started)} ms`);
console.log(`  GraphQL ${sandbox.url}/graphql · REST ${sandbox.url}/rest/V1 · storefront ${sandbox.url}/`);
if (config.purgeUrls) console.log(`  PURGE on price changes → ${config.purgeUrls.join(", ")}`);

const stop = () => {
  sandbox.close().then(() => process.exit(0), () => process.exit(1));
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
