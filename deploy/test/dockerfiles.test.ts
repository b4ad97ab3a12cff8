// Each deployable's Dockerfile (deploy/images/*.Dockerfile), read with dockerfile-ast: base images pinned,
// a non-root USER, a HEALTHCHECK that needs only node, no dev dependency in the image. Docker cannot run
// here, so each image's file system is then laid out in a temp dir from its Dockerfile (its own
// `npm ci --omit=dev`, run for real) and its CMD is started there: it must pass its own HEALTHCHECK,
// hold no package its workspace does not need, and stop on SIGTERM as `docker stop` asks.
import { createServer } from "node:http";
import type { Server } from "node:http";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { ensureBuild } from "@strangler/new-frontend/tools/ensure-build.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { measureContext, createContextFilter } from "./support/docker-context.ts";
import { readImageModel, stageNamed } from "./support/dockerfile-model.ts";
import type { ImageModel } from "./support/dockerfile-model.ts";
import { ImageEmulator } from "./support/emulate-image.ts";
import { findUnneededPackages } from "./support/production-closure.ts";
import { startSandboxProcess } from "./support/sandbox-process.ts";
import type { SandboxProcess } from "./support/sandbox-process.ts";
import { findFreePort, passesHealthCheck, startImage, waitHealthy } from "./support/run-image.ts";

const repo = join(import.meta.dirname, "..", "..");
const imagesDir = join(repo, "deploy", "images");
const dockerfiles = readdirSync(imagesDir).filter((name) => name.endsWith(".Dockerfile")).sort();
const workspaces = (JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { workspaces: string[] }).workspaces;
const workspaceName = (dir: string) => (JSON.parse(readFileSync(join(repo, dir, "package.json"), "utf8")) as { name: string }).name;

let legacy: Server;
let legacyUrl: string;
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** What `docker run -e` would add for each image to start alone: its ports (free ones) and required settings. */
const RUN_ENV: Record<string, () => Promise<Record<string, string>>> = {
  "proxy.Dockerfile": async () => ({ PORT: String(await findFreePort()), ADMIN_PORT: String(await findFreePort()), LEGACY_URL: legacyUrl, NEW_FRONTEND_URL: legacyUrl, UPSTREAM_SEARCH_SERVICE_URL: legacyUrl, ADMIN_TOKEN: "image-test-admin-token" }),
  // REDIS_URL: `next start` then imports next-cache-handler.ts and its settings module, which the image must hold.
  "new-frontend.Dockerfile": async () => ({
    PORT: String(await findFreePort()), MAGENTO_URL: legacyUrl, PUBLIC_URL: "http://shop.invalid", REDIS_URL: redisUrl, NEXT_CACHE_KEY_PREFIX: `image-test-${process.pid}:next:`,
  }),
  "purge.Dockerfile": async () => ({ PURGE_PORT: String(await findFreePort()), MAGENTO_URL: legacyUrl, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `image-test-${process.pid}:` }),
  "sandbox.Dockerfile": async () => ({ SANDBOX_PORT: String(await findFreePort()) }),
  // The search service builds its index from Magento before it listens as healthy: a real sandbox.
  "search-service.Dockerfile": async () => ({ SEARCH_PORT: String(await findFreePort()), MAGENTO_URL: (await sandbox()).url }),
};

let sandboxProcess: Promise<SandboxProcess> | undefined;
const sandbox = () => (sandboxProcess ??= startSandboxProcess(repo));

beforeAll(async () => {
  // Legacy Magento as the proxy's readiness sees it: health_check.php answers 200.
  legacy = createServer((req, res) => res.writeHead(req.url === "/health_check.php" ? 200 : 404).end());
  await new Promise<void>((resolve) => legacy.listen(0, "127.0.0.1", resolve));
  legacyUrl = `http://127.0.0.1:${(legacy.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => legacy.close(() => resolve()));
  await (await sandboxProcess)?.stop();
});

describe("deploy/images", () => {
  it("has one Dockerfile per deployable", () => {
    const deployables = ["new-frontend", "proxy", "purge", "sandbox", ...(workspaces.includes("services/search") ? ["search-service"] : [])];
    expect(dockerfiles).toEqual(deployables.sort().map((name) => `${name}.Dockerfile`));
  });

  it("builds every image on the same pinned Node, one that runs .ts directly and undici 8 (>= 22.19)", () => {
    const nodeImages = new Set(dockerfiles.flatMap((file) => readImageModel(join(imagesDir, file)).stages.map((s) => s.image)).filter((image) => image.startsWith("node:")));
    expect(nodeImages.size).toBe(1);
    const [major, minor] = /^node:(\d+)\.(\d+)\.\d+-/.exec([...nodeImages][0]!)!.slice(1).map(Number) as [number, number];
    expect(major > 22 || (major === 22 && minor >= 19)).toBe(true);
  });
});

describe(".dockerignore", () => {
  const inContext = createContextFilter(repo);

  it.each(["node_modules/next/package.json", "proxy/node_modules/x/index.js", "new-frontend/.next/BUILD_ID", "test-artifacts/a.png", ".git/HEAD", "var/flags/state.json", "proxy/var/flags/x.json", "npm-debug.log", "new-frontend/.next-build.lock", ".env"])(
    "rejects %s from the build context", (path) => { expect(inContext(path)).toBe(false); });

  it.each(["package.json", "package-lock.json", "proxy/src/main.ts", "migration-plans/plans/product-pages.yaml", "magento-sandbox/data/sample-data", "new-frontend/next.config.ts", "adapters/bin/purge-server.ts"])(
    "accepts %s into the build context", (path) => { expect(inContext(path)).toBe(true); });

  it("keeps the build context small (sources and data, no installs or build output)", () => {
    const { files, bytes } = measureContext(repo);
    console.log(`build context: ${files} files, ${(bytes / 1_048_576).toFixed(1)} MiB`);
    expect(bytes).toBeLessThan(50 * 1_048_576);
  });
});

/** True when `stage` installs dev dependencies (an npm ci/install without --omit=dev). */
function installsDevDependencies(model: ImageModel, stageName: string): boolean {
  const stage = stageNamed(model, stageName);
  return stage?.steps.some((s) => s.kind === "RUN" && /\bnpm (ci|install|i)\b/.test(s.command) && !s.command.includes("--omit=dev")) ?? false;
}

describe.each(dockerfiles)("%s", (file) => {
  const model = readImageModel(join(imagesDir, file));
  const stageNames = new Set(model.stages.map((s) => s.name).filter(Boolean));
  // The new frontend's image takes the repository's own Next build (see emulate-image.ts): build it
  // first when it is missing or stale (a minute or two; the hook timeout allows for it).
  beforeAll(() => { if (file === "new-frontend.Dockerfile") ensureBuild(); });

  it("pins every base image to a full version (never latest)", () => {
    const bases = model.stages.map((s) => s.image).filter((image) => !stageNames.has(image));
    expect(bases.length).toBeGreaterThan(0);
    for (const image of bases) expect(image).toMatch(/^[a-z0-9./-]+:\d+\.\d+\.\d+(-[a-z0-9.-]+)?(@sha256:[0-9a-f]{64})?$/);
  });

  it("runs as a non-root user in the final stage", () => {
    expect(model.user).toBeDefined();
    expect(model.user).not.toMatch(/^(root|0)(:|$)/);
  });

  it("has a HEALTHCHECK in exec form that needs only node, and starts node in exec form", () => {
    expect(model.healthcheck?.command[0]).toBe("node");
    expect(model.healthcheck?.options).toMatchObject({ interval: expect.any(String), timeout: expect.any(String), "start-period": expect.any(String) });
    expect(model.cmd?.[0]).toBe("node");
  });

  it("exposes exactly the ports its *_PORT settings default to", () => {
    const exposed = model.final.steps.filter((s) => s.kind === "OTHER" && s.keyword === "EXPOSE").flatMap((s) => (s.kind === "OTHER" ? s.args.split(/\s+/) : []));
    const ports = Object.entries(model.env).filter(([key]) => /(^|_)PORT$/.test(key)).map(([, value]) => value);
    expect(exposed.sort()).toEqual(ports.sort());
  });

  it("installs production dependencies only into the final stage, and copies none from a stage with dev dependencies", () => {
    const installs = model.final.steps.filter((s) => s.kind === "RUN" && /\bnpm (ci|install|i)\b/.test(s.command));
    expect(installs).toEqual(installs.filter((s) => s.kind === "RUN" && s.command.includes("--omit=dev")));
    for (const step of model.final.steps) {
      if (step.kind !== "COPY" || !step.from || !installsDevDependencies(model, step.from)) continue;
      // From a stage with dev dependencies only build output may come: nothing that is or holds node_modules.
      const workdirs = stageNamed(model, step.from)!.steps.filter((s) => s.kind === "WORKDIR").map((s) => s.path);
      for (const source of step.sources) {
        expect(source).not.toContain("node_modules");
        expect(workdirs.some((dir) => posix.relative(source, dir) === "" || !posix.relative(source, dir).startsWith(".."))).toBe(false);
      }
    }
  });

  it("starts its CMD from a production-only install, passes its own HEALTHCHECK, and stops on SIGTERM", async () => {
    const workDir = mkdtempSync(join(tmpdir(), `image-${file.replace(".Dockerfile", "")}-`));
    try {
      const image = await new ImageEmulator(repo, model, workDir).emulate();
      expect(image.productionInstalls.length).toBeGreaterThan(0);
      for (const install of image.productionInstalls) {
        const dir = workspaces.find((w) => workspaceName(w) === install.workspace)!;
        expect(findUnneededPackages(install.dir, join(install.dir, dir))).toEqual([]);
      }
      const env = await RUN_ENV[file]!();
      expect(await passesHealthCheck(image, model.healthcheck!.command, env)).toBe(false); // nothing is listening yet
      const running = startImage(image, model.cmd!, env);
      const unhealthy = await waitHealthy(running, image, model.healthcheck!.command, env, 60_000).then(() => undefined, (error: unknown) => error);
      const stopped = await running.stop(15_000);
      if (unhealthy) throw unhealthy;
      // Exiting by its own handler (0, or 143 as `next start` does) rather than by the signal's default
      // action matters: as PID 1 in a container, a process without a handler ignores SIGTERM.
      expect(stopped.signal, running.output()).toBeNull();
      expect([0, 143]).toContain(stopped.code);
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  });
});
