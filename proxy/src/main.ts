// Boot: parse the env once (a bad value stops start-up naming the variable), then run the proxy in this
// process (WORKERS=1) or in one cluster worker per WORKERS (`auto` = one per core) sharing the ports.
// SIGTERM/SIGINT drain in-flight requests, then exit.
import cluster from "node:cluster";
import { pino } from "pino";
import { serveClusterMetrics } from "./admin/cluster-metrics.ts";
import { createProxy } from "./app.ts";
import { createProcessLogger } from "./logger.ts";
import { loadConfig } from "./config.ts";
import type { ProxyConfig } from "./config.ts";
import { ProxyError } from "./errors.ts";

function readConfig(): ProxyConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    process.stderr.write(`strangler proxy: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(78); // EX_CONFIG
  }
}

async function runProxy(config: ProxyConfig): Promise<void> {
  const { logger, destination } = createProcessLogger(config.LOG_LEVEL);
  let proxy;
  try {
    proxy = await createProxy(config, { logger, logDestination: destination, clusterWorker: cluster.isWorker });
  } catch (error) {
    logger.fatal({ err: error }, "start-up failed");
    logger.flush();
    process.stderr.write(`strangler proxy: ${error instanceof ProxyError ? error.message : String(error)}\n`);
    process.exit(error instanceof ProxyError && error.code === "CONFIG_INVALID" ? 78 : 1);
  }
  if (process.send) process.send({ type: "strangler:ready", shopUrl: proxy.shopUrl, adminUrl: proxy.adminUrl });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "draining in-flight requests");
    proxy.close().then(
      () => { logger.info("stopped"); logger.flush(); process.exit(0); },
      (error: unknown) => { logger.error({ err: error }, "unclean stop"); logger.flush(); process.exit(1); },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

function runPrimary(config: ProxyConfig): void {
  const logger = pino({ level: config.LOG_LEVEL });
  logger.info({ workers: config.WORKERS }, "starting workers");
  serveClusterMetrics();
  let stopping = false;
  let ready = 0;
  cluster.on("message", (_worker, message: { type?: string }) => {
    // Tell a supervising parent (tests, process managers) once every worker listens.
    if (message?.type === "strangler:ready" && ++ready === config.WORKERS && process.send) process.send({ ...message, workers: ready });
  });
  for (let i = 0; i < config.WORKERS; i++) cluster.fork();
  cluster.on("exit", (worker, code) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    logger.error({ pid: worker.process.pid, code }, "worker died; starting another");
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

const config = readConfig();
if (config.WORKERS > 1 && cluster.isPrimary) runPrimary(config);
else await runProxy(config);
