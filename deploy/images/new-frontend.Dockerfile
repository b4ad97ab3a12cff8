# syntax=docker/dockerfile:1
# The Next.js storefront (new-frontend), served by `next start` from a production build. Build from the
# repository root:
#   docker build -f deploy/images/new-frontend.Dockerfile -t strangler/new-frontend .
# Three stages: `build` installs everything `next build` needs (dev dependencies included) and builds;
# `deps` installs the production dependencies alone; the image takes the build output from the first
# and node_modules from the second, so no dev dependency reaches it.

FROM node:24.21.0-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json ./
COPY adapters/package.json adapters/
COPY new-frontend/package.json new-frontend/
RUN npm ci --workspace @strangler/new-frontend --include-workspace-root --ignore-scripts --no-audit --no-fund
COPY adapters/src adapters/src
COPY new-frontend new-frontend
# The build cache (.next/cache, tens of MB) is for the next build, not for serving.
RUN npm run build --workspace @strangler/new-frontend && rm -rf new-frontend/.next/cache

FROM node:24.21.0-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY adapters/package.json adapters/
COPY new-frontend/package.json new-frontend/
RUN npm ci --omit=dev --workspace @strangler/new-frontend --include-workspace-root=false --ignore-scripts --no-audit --no-fund

FROM node:24.21.0-bookworm-slim
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1
WORKDIR /app
COPY --from=deps /app ./
COPY adapters/src adapters/src
COPY new-frontend/next.config.ts new-frontend/
# Next's cache handler (with REDIS_URL: pages shared by every replica), imported by `next start` from source,
# with the settings module it reads the environment through.
COPY new-frontend/next-cache-handler.ts new-frontend/
COPY new-frontend/lib/config.ts new-frontend/lib/errors.ts new-frontend/lib/
COPY --from=build /app/new-frontend/.next new-frontend/.next
# Next writes its run-time cache under .next/cache (a Kubernetes emptyDir mounts over it).
RUN mkdir -p new-frontend/.next/cache && chown 1000:1000 new-frontend/.next/cache
USER 1000:1000
WORKDIR /app/new-frontend
ENV PORT=3000
EXPOSE 3000
# /api/health answers without asking Magento.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/health`, { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node is PID 1: `next start` exits on SIGTERM/SIGINT and starts no child process.
CMD ["node", "../node_modules/next/dist/bin/next", "start", "--hostname", "0.0.0.0"]
