# syntax=docker/dockerfile:1
# The search service (services/search): Magento 2.4.8's catalog search GraphQL, answered from its own
# index (built from Magento through the adapters, kept fresh by the purge events on Redis). Build from
# the repository root:
#   docker build -f deploy/images/search-service.Dockerfile -t strangler/search-service .

FROM node:24.21.0-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY adapters/package.json adapters/
COPY magento-sandbox/package.json magento-sandbox/
COPY services/search/package.json services/search/
RUN npm ci --omit=dev --workspace @strangler/search-service --include-workspace-root=false --ignore-scripts --no-audit --no-fund

FROM node:24.21.0-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app ./
COPY adapters/src adapters/src
# The service answers with Magento 2.4.8's GraphQL schema, which the sandbox workspace carries (with its
# licence): only that file and the module that locates it.
COPY magento-sandbox/src/data-files.ts magento-sandbox/src/
COPY magento-sandbox/data/graphql magento-sandbox/data/graphql
COPY magento-sandbox/data/LICENSE-commerce-webapi magento-sandbox/data/SOURCES.md magento-sandbox/data/
COPY services/search/src services/search/src
COPY services/search/search.config.json services/search/
USER 1000:1000
ENV SEARCH_HOST=0.0.0.0 \
    SEARCH_PORT=8090
EXPOSE 8090
# Healthy = its index is built (/readyz); building it from Magento takes a while on a large catalog.
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.SEARCH_PORT}/readyz`, { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node is PID 1: main.ts stops listening, unsubscribes and closes the engine on SIGTERM/SIGINT — once the
# first index build is done (it installs its handlers after it; a SIGTERM before then is ignored by PID 1).
CMD ["node", "services/search/src/main.ts"]
