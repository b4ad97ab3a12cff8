// docker-compose.yml as Compose sees it after interpolation (`${NAME:-default}` takes its default, as
// with no .env file), and the facts the wiring checks need about each service: the ports it listens
// on, the programs its image has, and its healthcheck — from our Dockerfiles for the images we build,
// from THIRD_PARTY_IMAGES for the rest.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { readImageModel } from "./dockerfile-model.ts";
import type { ImageModel } from "./dockerfile-model.ts";
import { THIRD_PARTY_IMAGES } from "./third-party-images.ts";

export interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  volumes?: string[];
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  configs?: Record<string, { content?: string; file?: string }>;
  networks?: Record<string, { ipam?: { config?: Array<{ subnet?: string }> } }>;
}

/** Compose's interpolation with an empty environment: `${A:-x}` and `${A-x}` give x, `${A}` gives "". */
export function interpolate(value: unknown): unknown {
  if (typeof value === "string") return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g, (_m, _name, fallback?: string) => fallback ?? "").replaceAll("$$", "$");
  if (Array.isArray(value)) return value.map(interpolate);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v)]));
  return value;
}

export function readCompose(repo: string): { raw: unknown; compose: ComposeFile } {
  const raw = parse(readFileSync(join(repo, "docker-compose.yml"), "utf8")) as unknown;
  return { raw, compose: interpolate(raw) as ComposeFile };
}

export interface ServiceFacts {
  /** Ports the service listens on inside the network. */
  ports: number[];
  /** Programs its image has. */
  commands: string[];
  /** The healthcheck that applies: the service's own, else its Dockerfile's; undefined when none or disabled. */
  healthcheck?: string[];
  /** Our Dockerfile, for built services. */
  dockerfile?: ImageModel;
}

/** Ports our images listen on: each *_PORT of the image's ENV, as the service's environment sets it. */
function builtPorts(model: ImageModel, environment: Record<string, string>): number[] {
  return Object.keys(model.env).filter((key) => /(^|_)PORT$/.test(key)).map((key) => Number(environment[key] ?? model.env[key]));
}

export function describeService(repo: string, service: ComposeService): ServiceFacts {
  const own = service.healthcheck?.disable ? undefined : service.healthcheck?.test;
  if (service.build?.dockerfile) {
    const dockerfile = readImageModel(join(repo, service.build.context ?? ".", service.build.dockerfile));
    const healthcheck = service.healthcheck?.disable ? undefined : own ?? (dockerfile.healthcheck ? ["CMD", ...dockerfile.healthcheck.command] : undefined);
    return { ports: builtPorts(dockerfile, service.environment ?? {}), commands: ["node"], dockerfile, ...(healthcheck ? { healthcheck } : {}) };
  }
  const facts = THIRD_PARTY_IMAGES[service.image ?? ""];
  if (!facts) throw new Error(`${service.image}: not in THIRD_PARTY_IMAGES (deploy/test/support/third-party-images.ts) — record its ports and programs first`);
  return { ports: facts.ports, commands: facts.commands, ...(own ? { healthcheck: own } : {}) };
}

/** The programs a healthcheck runs: CMD's first word, or each command of a CMD-SHELL line (and sh). */
export function healthcheckPrograms(test: string[]): string[] {
  const [kind, ...rest] = test;
  if (kind === "CMD") return [rest[0] ?? ""];
  if (kind !== "CMD-SHELL") throw new Error(`healthcheck test must be CMD or CMD-SHELL, got ${kind}`);
  const words = (rest[0] ?? "").split(/&&|\|\||;|\|/).map((part) => part.trim().split(/\s+/)[0] ?? "");
  return ["sh", ...words.filter((word) => word !== "exit")];
}

/** Every URL among a service's environment values. */
export function findUrls(service: ComposeService): Array<{ name: string; url: URL }> {
  return Object.entries(service.environment ?? {})
    .filter(([, value]) => /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(value))
    .map(([name, value]) => ({ name, url: new URL(value) }));
}

const DEFAULT_PORTS: Record<string, number> = { "http:": 80, "https:": 443, "redis:": 6379, "rediss:": 6379, "postgres:": 5432 };

export function portOf(url: URL): number {
  if (url.port) return Number(url.port);
  const port = DEFAULT_PORTS[url.protocol];
  if (port === undefined) throw new Error(`${url.href}: no default port known for ${url.protocol}`);
  return port;
}

/** Host ports a service publishes: "8080:8080" and "127.0.0.1:9090:9090" → 8080, 9090. */
export function publishedPorts(service: ComposeService): number[] {
  return (service.ports ?? []).map((spec) => Number(spec.split(":").at(-2)));
}
