// createProxy wires the pieces and listens: the shop port (plain node:http, the hot path) and the admin
// port (express). Collaborators are injectable (logger, clock, randomness, flag provider, Redis) so tests
// run real servers with deterministic parts. close() drains in-flight requests, then releases everything.
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRedisClient, type RedisClient } from "./redis/redis-client.ts";
import { pino } from "pino";
import type { Logger } from "pino";
import { createAdminApp } from "./admin/admin-app.ts";
import { createAuditLog } from "./admin/audit-log.ts";
import { createDashboard } from "./admin/dashboard/dashboard-router.ts";
import type { DashboardPanelProvider } from "./admin/dashboard/dashboard-state.ts";
import { createClusterRender } from "./admin/cluster-metrics.ts";
import { createDecisionLog } from "./admin/decision-log.ts";
import { createMetrics } from "./admin/metrics.ts";
import type { ProxyMetrics, ScrapeSources } from "./admin/metrics.ts";
import type { ProxyConfig } from "./config.ts";
import type { LogDestination } from "./logger.ts";
import { startLegacyProbe } from "./health/legacy-probe.ts";
import { createCustomerGroupReader } from "./flags/customer-group.ts";
import { createFlagProvider, createFlagsAdminRouter, toFlagsConfig } from "./flags/index.ts";
import type { FlagsEnv } from "./flags/index.ts";
import type { FlagProvider, ManagedFlagProvider } from "./flags/types.ts";
import { createForwarder } from "./forward/forwarder.ts";
import { createUpstream } from "./forward/upstream.ts";
import type { Upstream } from "./forward/upstream.ts";
import { openPageCache } from "./page-cache/open-page-cache.ts";
import { createPlanState } from "./plans/plan-state.ts";
import { createPageTypeResolver } from "./routing/page-type-resolver.ts";
import type { PageTypeRedis } from "./routing/page-type-resolver.ts";
import { createPlanRolloutProvider } from "./routing/plan-rollout-provider.ts";
import { createAccessLog } from "./shop/access-log.ts";
import { createTokenCheck } from "./shop/debug-token.ts";
import { createShopHandler } from "./shop/shop-handler.ts";
import { createShopServer } from "./shop/shop-server.ts";
import type { ParseGraphql } from "./graphql/graphql-request.ts";
import { openStatsStore } from "./stats/open-stats-store.ts";
import { recordTraffic } from "./stats/record-traffic.ts";
import type { TrafficStats } from "./stats/traffic-stats.ts";
import { createParityRouter } from "./admin/parity-router.ts";
import type { ParityScores } from "./parity/parity-board.ts";
import { createShadowing } from "./shadow/create-shadow.ts";
import { createParityPanel } from "./parity/dashboard-panel.ts";
import { recordAddToCart } from "./rollout/add-to-cart.ts";
import { createRolloutAdminRouter } from "./rollout/admin-router.ts";
import type { ParitySource } from "./rollout/parity-source.ts";
import { createBoardParitySource } from "./rollout/board-parity-source.ts";
import { startRollout } from "./rollout/start-rollout.ts";
import { createRolloutPanel } from "./rollout/dashboard-panel.ts";

export interface ProxyDeps {
  logger?: Logger;
  /** The logger's own destination (createProcessLogger): the access log writes its lines there directly. */
  logDestination?: LogDestination;
  /** Milliseconds clock for circuit breakers and caches; default Date.now. */
  now?: () => number;
  /** Randomness for `random` stickiness; default Math.random. */
  random?: () => number;
  /** Default: the flags member's provider when its env is configured, else the plans' own rollout. */
  flagProvider?: FlagProvider;
  newSessionId?: () => string;
  /** Page-type cache shared between instances; default one from REDIS_URL. */
  redis?: PageTypeRedis;
  plansDebounceMs?: number;
  /** graphql-js's parse for routing by GraphQL operation; a test may count the calls. */
  parseGraphql?: ParseGraphql;
  /** Node process metrics on /metrics; default true. */
  defaultMetrics?: boolean;
  /** Per-minute counts per plan and side; default in Redis when REDIS_URL is set, else in memory. */
  trafficStats?: TrafficStats;
  /** The rollout's parity guardrail reads shadow comparisons here; default none (parity guardrails hold). */
  parity?: ParitySource;
  /** Names this instance in the rollout lease; default host:pid:random. */
  rolloutOwner?: string;
  /** Optional dashboard panels other parts plug in: parity scores, the rollout controller. */
  dashboardPanels?: Partial<Record<"parity" | "rollout", DashboardPanelProvider>>;
  /** Per-request metrics (strangler_requests_total, …); default true. Only the bench turns them off, to price them. */
  requestMetrics?: boolean;
  /** This process is one of WORKERS cluster workers: /metrics answers with the sum over all of them. */
  clusterWorker?: boolean;
}

export interface RunningProxy {
  shopUrl: string;
  adminUrl: string;
  /** Stage shadow's parity scores and mismatch samples (the dashboard's parity panel reads them). */
  parity: ParityScores;
  /** Stops accepting, lets in-flight requests finish (up to SHUTDOWN_TIMEOUT_MS), then releases everything. */
  close(): Promise<void>;
}

export async function createProxy(config: ProxyConfig, deps: ProxyDeps = {}): Promise<RunningProxy> {
  const logger = deps.logger ?? pino({ level: config.LOG_LEVEL });
  const ownsProvider = deps.flagProvider === undefined;
  const provider = deps.flagProvider ?? await createDefaultProvider(config, logger, deps);
  const decisions = createDecisionLog(config.DECISIONS_BUFFER);
  const upstreams = new Map<string, Upstream>();
  const scrape: ScrapeSources = { upstreams, flags: provider, now: deps.now };
  const metrics = createMetrics(scrape, { defaults: deps.defaultMetrics ?? true, requests: deps.requestMetrics ?? true });
  for (const [name, upstream] of createUpstreams(config, deps, metrics)) upstreams.set(name, upstream);
  const plans = await createPlanState({
    dir: config.PLANS_DIR, knownTargets: [...upstreams.keys()], logger, debounceMs: deps.plansDebounceMs,
    onReload: (ok) => metrics.reloads.inc({ result: ok ? "applied" : "refused" }),
  });
  scrape.plans = plans.status;
  const redis = deps.redis ?? openRedis(config, logger);
  const stats = deps.trafficStats === undefined ? openStatsStore(config, logger, deps.now) : { traffic: deps.trafficStats, redis: undefined, close: async () => {} };
  const legacyUrl = config.upstreams.get("legacy")!;
  const legacyProbe = startLegacyProbe({
    url: new URL(legacyUrl.pathname.replace(/\/$/, "") + config.LEGACY_HEALTH_PATH, legacyUrl), logger, intervalMs: config.READY_PROBE_INTERVAL_MS, timeoutMs: config.CONNECT_TIMEOUT_MS,
  });
  const resolver = createPageTypeResolver({
    legacyUrl, timeoutMs: config.PAGE_TYPE_TIMEOUT_MS, redisTimeoutMs: config.PAGE_TYPE_REDIS_TIMEOUT_MS, storeCodes: config.STORE_CODES, ttlMs: config.PAGE_TYPE_TTL_MS,
    negativeTtlMs: config.PAGE_TYPE_NEGATIVE_TTL_MS, maxEntries: config.PAGE_TYPE_CACHE_SIZE, redis, now: deps.now,
    onLookup: metrics.pageTypeLookup,
  });
  const isToken = createTokenCheck(config.ADMIN_TOKEN);
  // The SDK is loaded only when spans are exported (tracing/start-tracing.ts).
  const tracing = config.tracing === undefined ? undefined : (await import("./tracing/start-tracing.ts")).startTracing(config.tracing);
  const accessLog = createAccessLog({ logger, destination: deps.logDestination }, decisions, metrics);
  const forwarder = createForwarder({
    upstreams, publicHost: config.PUBLIC_HOST, sendTimeoutMs: config.SEND_TIMEOUT_MS, upgradeIdleMs: config.UPGRADE_IDLE_TIMEOUT_MS,
    limits: { bufferBytes: config.REQUEST_BUFFER_BYTES, minBytesPerSecond: config.REQUEST_BODY_MIN_RATE, windowMs: config.REQUEST_BODY_RATE_WINDOW_MS },
  });
  const readCustomerGroup = createCustomerGroupReader({
    hash: config.MAGENTO_VARY_HASH, cryptKey: config.MAGENTO_CRYPT_KEY, groupIds: config.MAGENTO_CUSTOMER_GROUPS,
    onUnreadable: (reason) => logger.warn(reason),
  });
  const shadowing = createShadowing(config, metrics.registry, deps.random);
  const pageCache = openPageCache(config, upstreams, logger.child({ component: "page-cache" }), { now: deps.now, registry: metrics.registry });
  const handler = createShopHandler({
    pageCache: pageCache?.cache, config, upstreams, forwarder, readCustomerGroup, getTable: plans.getTable, provider, resolver, isDebugToken: isToken, newSessionId: deps.newSessionId,
    onFinished: (ex) => { accessLog.recordRequest(ex); recordTraffic(stats.traffic, ex); recordAddToCart(stats.traffic, ex, plans.getTable().plans, provider); },
    onClientRefused: accessLog.recordRefusal,
    parseGraphql: deps.parseGraphql,
    tracer: tracing?.requestTracer,
    shadow: shadowing.runner,
    onGraphqlRead: (result) => metrics.graphqlReads.inc({ result }),
    onRoutingError: (ex, error) => logger.error({ err: error, path: ex.path }, "routing failed; sending to legacy"),
    onForwarded: (ex, result) => {
      if (result.replayedFrom === undefined) return;
      const stage = result.failure?.stage ?? "status";
      metrics.fallbacks.inc({ plan: ex.decision?.planId ?? "none", from: result.replayedFrom, stage });
      logger.warn({ path: ex.path, from: result.replayedFrom, stage, err: result.failure }, "new side failed; replaying to fallback");
    },
  });
  const shop = createShopServer(config, handler);
  const audit = createAuditLog({ logger: logger.child({ component: "audit" }), redis: stats.redis, keyPrefix: config.STATS_REDIS_PREFIX, now: deps.now });
  const flagsRouter = isManaged(provider) ? createFlagsAdminRouter(provider, () => plans.status().plans, audit) : undefined;
  const rollout = await startRollout({
    env: { ...config, UNLEASH_URL: config.extra.UNLEASH_URL as string | undefined }, provider, getPlans: () => plans.getTable().plans, stats: stats.traffic, audit,
    logger: logger.child({ component: "rollout" }), registry: metrics.registry, parity: deps.parity ?? createBoardParitySource(shadowing.board), owner: deps.rolloutOwner, now: deps.now,
  });
  const rolloutRouter = rollout ? createRolloutAdminRouter(rollout.service) : undefined;
  const rolloutPanel = rollout ? createRolloutPanel(rollout.service, deps.now) : undefined;
  const dashboard = createDashboard({
    isAdminToken: isToken, sessionSecret: config.ADMIN_TOKEN, plans, decisions, upstreams, metrics, trafficStats: stats.traffic, audit,
    flags: isManaged(provider) ? provider : undefined, panels: { parity: createParityPanel(shadowing.board), ...(rolloutPanel && { rollout: rolloutPanel }), ...deps.dashboardPanels }, now: deps.now,
  });
  const pageCacheRouter = pageCache?.router;
  const admin = createServer(createAdminApp({
    isAdminToken: isToken, decisions, plans, metrics, upstreams, flagsRouter, trafficStats: stats.traffic, audit, dashboard, rolloutRouter, pageCacheRouter,
    parityRouter: createParityRouter(shadowing.board),
    renderMetrics: deps.clusterWorker === true ? createClusterRender(metrics.registry) : undefined,
    isReady: () => ({
      ready: !shop.draining && legacyProbe.answered(), legacyAnswered: legacyProbe.answered(), flagsReady: provider.ready(), draining: shop.draining,
    }),
  }));
  // The first probe settles before the ports open, so /readyz is right from the start (an unreachable
  // legacy costs at most CONNECT_TIMEOUT_MS here, and is logged before "listening").
  await legacyProbe.firstAttempt;
  await Promise.all([listen(shop.server, config.PORT, config.HOST), listen(admin, config.ADMIN_PORT, config.ADMIN_HOST)]);
  logger.info({ shop: urlOf(shop.server), admin: urlOf(admin), upstreams: [...upstreams.keys()] }, "strangler proxy listening");

  return {
    shopUrl: urlOf(shop.server),
    adminUrl: urlOf(admin),
    parity: shadowing.board,
    async close() {
      legacyProbe.close();
      await shop.drain(config.SHUTDOWN_TIMEOUT_MS);
      admin.closeAllConnections();
      await new Promise<void>((resolve) => admin.close(() => resolve()));
      pageCache?.close();
      await forwarder.close();
      await shadowing.runner.close();
      await plans.close();
      await rollout?.close();
      if (ownsProvider) await provider.close();
      await stats.close();
      await tracing?.shutdown(); // the spans of the last requests are exported before the process goes
      if (deps.redis === undefined) (redis as RedisClient | undefined)?.disconnect();
    },
  };
}

function createUpstreams(config: ProxyConfig, deps: ProxyDeps, metrics: ProxyMetrics): Map<string, Upstream> {
  const upstreams = new Map<string, Upstream>();
  const onWait = (upstream: string, seconds: number, granted: boolean) =>
    metrics.queueWaits.observe({ upstream, result: granted ? "granted" : "timeout" }, seconds);
  for (const [name, url] of config.upstreams) {
    upstreams.set(name, createUpstream(name, url, {
      connectTimeoutMs: config.CONNECT_TIMEOUT_MS, responseTimeoutMs: config.RESPONSE_TIMEOUT_MS, connections: config.KEEP_ALIVE_SOCKETS,
      firstByteTimeoutMs: name === "legacy" ? config.LEGACY_FIRST_BYTE_TIMEOUT_MS : config.FIRST_BYTE_TIMEOUT_MS,
      queueLength: config.UPSTREAM_QUEUE_LENGTH, queueTimeoutMs: config.UPSTREAM_QUEUE_TIMEOUT_MS,
      circuitFailures: config.CIRCUIT_FAILURES, circuitOpenMs: config.CIRCUIT_OPEN_MS, now: deps.now, onWait,
    }));
  }
  return upstreams;
}

async function createDefaultProvider(config: ProxyConfig, logger: Logger, deps: ProxyDeps): Promise<FlagProvider> {
  if (Object.keys(config.extra).length === 0) return createPlanRolloutProvider({ random: deps.random });
  return createFlagProvider(toFlagsConfig(config.extra as FlagsEnv), { logger: logger.child({ component: "flags" }), now: deps.now, random: deps.random });
}

function isManaged(provider: FlagProvider): provider is ManagedFlagProvider {
  return typeof (provider as Partial<ManagedFlagProvider>).listFlags === "function";
}

function openRedis(config: ProxyConfig, logger: Logger): RedisClient | undefined {
  if (config.REDIS_URL === undefined) return undefined;
  const redis = createRedisClient(config.REDIS_URL, {
    lazyConnect: false, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: config.PAGE_TYPE_REDIS_TIMEOUT_MS, connectTimeout: 1_000,
  });
  redis.on("error", (error: unknown) => logger.warn({ err: error }, "redis for the page-type cache unavailable; looking up directly"));
  return redis;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => { server.off("error", reject); resolve(); });
  });
}

function urlOf(server: Server): string {
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${address.port}`;
}
