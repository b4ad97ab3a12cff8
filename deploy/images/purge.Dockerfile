# syntax=docker/dockerfile:1
# The purge endpoint Magento's full-page cache sends its PURGE requests to (adapters/bin/purge-server.ts):
# it drops the adapters' Redis entries and tells the new frontend to revalidate. Build from the root:
#   docker build -f deploy/images/purge.Dockerfile -t strangler/purge .

FROM node:24.21.0-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY adapters/package.json adapters/
RUN npm ci --omit=dev --workspace @strangler/adapters --include-workspace-root=false --ignore-scripts --no-audit --no-fund

FROM node:24.21.0-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app ./
COPY adapters/src adapters/src
COPY adapters/bin adapters/bin
USER 1000:1000
# Magento is not on loopback in a container network: set PURGE_ALLOWED_ADDRESSES to its network
# (the default admits loopback only) or PURGE_TOKEN for callers that can send a header.
ENV PURGE_HOST=0.0.0.0 \
    PURGE_PORT=6081
EXPOSE 6081
# Any HTTP answer means the server is up: the purge door has no health route, and a GET is refused
# (403 from an address it does not admit, 405 otherwise) without touching Redis.
HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PURGE_PORT}/`, { signal: AbortSignal.timeout(4000) }).then(() => process.exit(0), () => process.exit(1))"]
# node is PID 1: purge-server.ts closes the server and Redis on SIGTERM/SIGINT.
CMD ["node", "adapters/bin/purge-server.ts"]
