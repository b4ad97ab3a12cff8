// Docker cannot run here, so an image's file system is laid out in a temp dir by following its
// Dockerfile: each stage is a directory standing for `/`, COPY copies from the repository (through
// .dockerignore) or from an earlier stage, and RUN runs the few commands our images use:
//   npm ci --omit=dev …                 run for real (from the npm cache), as the image would;
//   npm ci (with dev deps) in a stage that builds, and npm run build --workspace W
//                                       replaced by the repository's own build of W (.next), which
//                                       the repository's full install produced;
//   mkdir -p, rm -rf                    done in the stage's directory;
//   chown                               checked (the paths must exist), ownership is not emulated.
// Anything else fails, naming the command, so a new Dockerfile step cannot pass unchecked.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync } from "node:fs";
import { dirname, join, posix, relative } from "node:path";
import { promisify } from "node:util";
import type { ImageModel, Stage, Step } from "./dockerfile-model.ts";
import { createContextFilter } from "./docker-context.ts";

const run = promisify(execFile);

export interface EmulatedImage {
  /** The directory standing for the image's `/`. */
  root: string;
  /** The final WORKDIR, inside root. */
  cwd: string;
  /** The image's ENV, with absolute container paths moved under root. */
  env: Record<string, string>;
  /** Workspaces whose production dependencies an `npm ci --omit=dev` installed, and where. */
  productionInstalls: Array<{ workspace: string; dir: string }>;
}

interface Workspace { name: string; dir: string }

function readWorkspaces(repo: string): Workspace[] {
  const { workspaces = [] } = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { workspaces?: string[] };
  return workspaces.filter((dir) => existsSync(join(repo, dir, "package.json")))
    .map((dir) => ({ dir, name: (JSON.parse(readFileSync(join(repo, dir, "package.json"), "utf8")) as { name: string }).name }));
}

/** Container path → host path under root. */
const inRoot = (root: string, containerPath: string) => join(root, posix.normalize(containerPath));

class StageRun {
  cwd = "/";
  readonly productionInstalls: Array<{ workspace: string; dir: string }> = [];
  private readonly builds: boolean;
  private readonly emulator: ImageEmulator;
  readonly root: string;

  constructor(emulator: ImageEmulator, stage: Stage, root: string) {
    this.emulator = emulator;
    this.root = root;
    this.builds = stage.steps.some((s) => s.kind === "RUN" && /\bnpm run build\b/.test(s.command));
  }

  private resolve(path: string): string {
    return inRoot(this.root, path.startsWith("/") ? path : posix.join(this.cwd, path));
  }

  async apply(step: Step): Promise<void> {
    if (step.kind === "WORKDIR") {
      this.cwd = step.path.startsWith("/") ? step.path : posix.join(this.cwd, step.path);
      mkdirSync(this.resolve("."), { recursive: true });
    } else if (step.kind === "COPY") {
      await this.copy(step.sources, step.dest, step.from);
    } else if (step.kind === "RUN") {
      for (const command of step.command.split("&&").map((part) => part.trim())) await this.runCommand(command);
    }
  }

  private async copy(sources: string[], dest: string, from?: string): Promise<void> {
    const sourceRoot = from === undefined ? undefined : await this.emulator.materialize(from);
    for (const source of sources) {
      if (/[*?[]/.test(source)) throw new Error(`COPY ${source}: wildcards are not emulated`);
      const from = sourceRoot === undefined ? this.emulator.contextPath(source) : inRoot(sourceRoot, source);
      if (!existsSync(from)) throw new Error(`COPY ${from === source ? "" : "--from "}${source}: no such file or directory`);
      // Docker copies a directory's contents into dest; a file into dest/ when dest ends in / (or with several sources).
      const intoDir = !statSync(from).isDirectory() && (dest.endsWith("/") || sources.length > 1);
      const target = this.resolve(intoDir ? posix.join(dest, posix.basename(source)) : dest);
      if (sourceRoot === undefined) this.emulator.copyFromContext(source, target);
      else this.copyFromStage(from, target);
    }
  }

  private copyFromStage(from: string, target: string): void {
    mkdirSync(statSync(from).isDirectory() ? target : dirname(target), { recursive: true });
    cpSync(from, target, { recursive: true, verbatimSymlinks: true });
  }

  private async runCommand(command: string): Promise<void> {
    const [program, ...args] = command.split(/\s+/);
    const line = `${program} ${args.join(" ")}`;
    if (program === "npm" && args[0] === "ci") return this.npmCi(args);
    if (program === "npm" && args[0] === "run" && args[1] === "build") return this.emulator.copyBuildOutput(args, this.resolve("."));
    if (program === "mkdir" && args[0] === "-p") return args.slice(1).forEach((p) => mkdirSync(this.resolve(p), { recursive: true }));
    if (program === "rm" && args[0] === "-rf") return args.slice(1).forEach((p) => rmSync(this.resolve(p), { recursive: true, force: true }));
    if (program === "chown") {
      const missing = args.filter((a) => !a.startsWith("-")).slice(1).filter((p) => !existsSync(this.resolve(p)));
      if (missing.length > 0) throw new Error(`RUN ${line}: ${missing.join(", ")} missing`);
      return;
    }
    throw new Error(`RUN ${line}: the image test cannot reproduce this command here; teach deploy/test/support/emulate-image.ts`);
  }

  private async npmCi(args: string[]): Promise<void> {
    const production = args.includes("--omit=dev");
    if (!production && this.builds) return; // the repository's own full install built the output this stage would
    if (!production) throw new Error(`RUN npm ci ${args.slice(1).join(" ")}: a full install outside a build stage`);
    const workspace = args[args.indexOf("--workspace") + 1];
    if (!args.includes("--workspace") || !workspace) throw new Error("RUN npm ci --omit=dev without --workspace installs every workspace's dependencies");
    await run("npm", args, {
      cwd: this.resolve("."),
      env: { ...process.env, npm_config_prefer_offline: "true", npm_config_update_notifier: "false" },
      maxBuffer: 16 * 1024 * 1024,
    });
    this.productionInstalls.push({ workspace, dir: this.resolve(".") });
  }
}

export class ImageEmulator {
  private readonly stageRoots = new Map<string, string>();
  private readonly inContext: (path: string) => boolean;
  private readonly workspaces: Workspace[];
  private readonly productionInstalls: Array<{ workspace: string; dir: string }> = [];

  private readonly repo: string;
  private readonly model: ImageModel;
  private readonly workDir: string;

  constructor(repo: string, model: ImageModel, workDir: string) {
    this.repo = repo;
    this.model = model;
    this.workDir = workDir;
    this.inContext = createContextFilter(repo);
    this.workspaces = readWorkspaces(repo);
  }

  /** Lays out a stage (by name) once and returns the directory standing for its `/`. */
  async materialize(name: string, stage = this.model.stages.find((s) => s.name === name)): Promise<string> {
    const known = this.stageRoots.get(name);
    if (known) return known;
    if (!stage) throw new Error(`${this.model.file}: no stage named ${name}`);
    const base = this.model.stages.find((s) => s.name === stage.image);
    const root = join(this.workDir, name);
    if (base) cpSync(await this.materialize(base.name!), root, { recursive: true, verbatimSymlinks: true });
    else mkdirSync(root, { recursive: true });
    const stageRun = new StageRun(this, stage, root);
    for (const step of stage.steps) await stageRun.apply(step);
    this.productionInstalls.push(...stageRun.productionInstalls);
    this.stageRoots.set(name, root);
    return root;
  }

  /** Where a COPY source is in the repository; throws when .dockerignore keeps it out of the context. */
  contextPath(source: string): string {
    if (!this.inContext(posix.normalize(source))) throw new Error(`COPY ${source}: excluded from the build context by .dockerignore`);
    return join(this.repo, source);
  }

  copyFromContext(source: string, target: string): void {
    const from = this.contextPath(source);
    if (!statSync(from).isDirectory()) {
      mkdirSync(dirname(target), { recursive: true });
      cpSync(from, target);
      return;
    }
    mkdirSync(target, { recursive: true });
    cpSync(from, target, { recursive: true, verbatimSymlinks: true, filter: (path) => this.inContext(relative(this.repo, path)) });
  }

  /** `npm run build --workspace W`: W's build output as the repository built it, without its build cache. */
  copyBuildOutput(args: string[], cwd: string): void {
    const name = args[args.indexOf("--workspace") + 1];
    const workspace = this.workspaces.find((w) => w.name === name || w.dir === name);
    if (!workspace) throw new Error(`RUN npm run build: no workspace ${name ?? "(none named)"}`);
    const built = join(this.repo, workspace.dir, ".next");
    if (!existsSync(join(built, "BUILD_ID"))) throw new Error(`${workspace.dir} has no production build (.next/BUILD_ID)`);
    const output = realpathSync(built);
    cpSync(output, join(cwd, workspace.dir, ".next"), { recursive: true, filter: (path) => !relative(output, path).startsWith("cache") });
  }

  async emulate(): Promise<EmulatedImage> {
    const root = await this.materialize("(final)", this.model.final);
    const env = Object.fromEntries(Object.entries(this.model.env)
      .map(([key, value]) => [key, /^\/[^/]/.test(value) ? inRoot(root, value) : value]));
    return { root, cwd: inRoot(root, this.model.workdir), env, productionInstalls: this.productionInstalls };
  }
}
