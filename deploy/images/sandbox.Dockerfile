# syntax=docker/dockerfile:1
# The Magento 2.4.8 stand-in (magento-sandbox): GraphQL, REST and the Luma storefront on its sample
# data, for demos and contract tests without a real Magento. Build from the repository root:
#   docker build -f deploy/images/sandbox.Dockerfile -t strangler/sandbox .

FROM node:24.21.0-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY magento-sandbox/package.json magento-sandbox/
RUN npm ci --omit=dev --workspace @strangler/magento-sandbox --include-workspace-root=false --ignore-scripts --no-audit --no-fund

FROM node:24.21.0-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app ./
COPY magento-sandbox/src magento-sandbox/src
COPY magento-sandbox/data magento-sandbox/data
COPY magento-sandbox/static magento-sandbox/static
USER 1000:1000
ENV SANDBOX_HOST=0.0.0.0 \
    SANDBOX_PORT=8081
EXPOSE 8081
# Magento's own pub/health_check.php, which the sandbox serves as Magento does.
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.SANDBOX_PORT}/health_check.php`, { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node is PID 1: main.ts closes the sandbox on SIGTERM/SIGINT.
CMD ["node", "magento-sandbox/src/main.ts"]
