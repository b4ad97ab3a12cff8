# syntax=docker/dockerfile:1
# The routing proxy (proxy/src/main.ts) and the `strangler` CLI (proxy/bin/strangler.ts, used by the
# Compose stack's one-shot `flags sync`). Build from the repository root:
#   docker build -f deploy/images/proxy.Dockerfile -t strangler/proxy .
# Node 24 runs the TypeScript sources as they are (type stripping): there is no build step.

FROM node:24.21.0-bookworm-slim AS deps
WORKDIR /app
# Only the manifests of the workspaces this image runs: with any other workspace's manifest here,
# npm ci would install that workspace's dependencies too.
COPY package.json package-lock.json ./
COPY migration-plans/package.json migration-plans/
COPY proxy/package.json proxy/
RUN npm ci --omit=dev --workspace @strangler/proxy --include-workspace-root=false --ignore-scripts --no-audit --no-fund

FROM node:24.21.0-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app ./
COPY migration-plans/src migration-plans/src
COPY migration-plans/plans migration-plans/plans
COPY proxy/src proxy/src
COPY proxy/bin proxy/bin
# The only writable place: the flag store (a Kubernetes emptyDir mounts over it).
RUN mkdir -p var/flags && chown -R 1000:1000 var
# uid 1000 is the node images' `node` user; numeric, so Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
# The admin port listens on every interface in a container: Docker's healthcheck and kubelet's probes
# come from outside loopback's reach (the host publishes it on 127.0.0.1 only).
ENV PORT=8080 \
    ADMIN_PORT=9090 \
    HOST=0.0.0.0 \
    ADMIN_HOST=0.0.0.0 \
    PLANS_DIR=/app/migration-plans/plans \
    FLAG_STATE_DIR=/app/var/flags
EXPOSE 8080 9090
# Ready = plans loaded and legacy Magento answered; node itself asks, as the image has no curl.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.ADMIN_PORT}/readyz`, { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node is PID 1: main.ts handles SIGTERM/SIGINT (drains in-flight requests, then exits), and its only
# children are its own cluster workers, which it waits for.
CMD ["node", "proxy/src/main.ts"]
