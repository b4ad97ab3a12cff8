// A Dockerfile read by dockerfile-ast (the parser behind VS Code's Docker support) into the plain facts
// the tests check: stages, each step in order, and the final stage's user, env, health check and command.
import { readFileSync } from "node:fs";
import { DockerfileParser } from "dockerfile-ast";
import type { Copy, Env, From, Healthcheck, Instruction, JSONInstruction } from "dockerfile-ast";

export type Step =
  | { kind: "WORKDIR"; path: string }
  | { kind: "COPY"; from?: string; sources: string[]; dest: string; chown?: string }
  | { kind: "RUN"; command: string }
  | { kind: "ENV"; vars: Record<string, string> }
  | { kind: "USER"; user: string }
  | { kind: "OTHER"; keyword: string; args: string };

export interface Stage {
  name?: string;
  /** The base image as written, e.g. node:24.21.0-bookworm-slim, or an earlier stage's name. */
  image: string;
  steps: Step[];
}

export interface HealthCheck {
  options: Record<string, string>;
  /** Exec form only: what Docker runs, without a shell. */
  command: string[];
}

export interface ImageModel {
  file: string;
  stages: Stage[];
  final: Stage;
  /** The final stage's last USER, if any (an image without one runs as root). */
  user?: string;
  env: Record<string, string>;
  workdir: string;
  healthcheck?: HealthCheck;
  cmd?: string[];
}

function jsonArray(instruction: JSONInstruction): string[] | undefined {
  const strings = instruction.getJSONStrings();
  return strings.length > 0 ? strings.map((s) => s.getJSONValue()) : undefined;
}

function readHealthCheck(instruction: Healthcheck): HealthCheck | undefined {
  const content = (instruction.getArgumentsContent() ?? "").replace(/\\\r?\n/g, " ");
  const match = /(?:^|\s)CMD\s+(\[[\s\S]*\])\s*$/.exec(content);
  if (!match) return undefined;
  const options = Object.fromEntries(instruction.getFlags().map((flag) => [flag.getName(), flag.getValue() ?? ""]));
  return { options, command: JSON.parse(match[1]!) as string[] };
}

function toStep(instruction: Instruction): Step {
  const keyword = instruction.getKeyword();
  const args = instruction.getArguments().map((a) => a.getValue());
  switch (keyword) {
    case "WORKDIR": return { kind: "WORKDIR", path: args[0] ?? "" };
    case "RUN": return { kind: "RUN", command: (instruction.getArgumentsContent() ?? "").replace(/\\\r?\n/g, " ").replace(/\s+/g, " ").trim() };
    case "USER": return { kind: "USER", user: args[0] ?? "" };
    case "ENV": return { kind: "ENV", vars: Object.fromEntries((instruction as Env).getProperties().map((p) => [p.getName(), p.getValue() ?? ""])) };
    case "COPY": case "ADD": {
      const copy = instruction as Copy;
      const flags = Object.fromEntries(copy.getFlags().map((f) => [f.getName(), f.getValue() ?? ""]));
      const paths = jsonArray(copy) ?? args.filter((a) => !a.startsWith("--"));
      return { kind: "COPY", ...(flags.from ? { from: flags.from } : {}), ...(flags.chown ? { chown: flags.chown } : {}), sources: paths.slice(0, -1), dest: paths.at(-1) ?? "" };
    }
    default: return { kind: "OTHER", keyword, args: instruction.getArgumentsContent() ?? "" };
  }
}

export function readImageModel(file: string): ImageModel {
  const dockerfile = DockerfileParser.parse(readFileSync(file, "utf8"));
  const stages: Stage[] = [];
  let healthcheck: HealthCheck | undefined;
  let cmd: string[] | undefined;
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === "FROM") {
      const from = instruction as From;
      stages.push({ image: from.getImage() ?? "", ...(from.getBuildStage() ? { name: from.getBuildStage()! } : {}), steps: [] });
      [healthcheck, cmd] = [undefined, undefined];
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`${file}: ${keyword} before the first FROM`);
    if (keyword === "HEALTHCHECK") healthcheck = readHealthCheck(instruction as Healthcheck);
    else if (keyword === "CMD") cmd = jsonArray(instruction as JSONInstruction);
    else stage.steps.push(toStep(instruction));
  }
  const final = stages.at(-1);
  if (!final) throw new Error(`${file}: no FROM`);
  const users = final.steps.filter((s) => s.kind === "USER");
  const workdirs = final.steps.filter((s) => s.kind === "WORKDIR").map((s) => s.path);
  const env = Object.assign({}, ...final.steps.filter((s) => s.kind === "ENV").map((s) => s.vars)) as Record<string, string>;
  return {
    file, stages, final, env,
    workdir: workdirs.reduce((dir, next) => (next.startsWith("/") ? next : `${dir.replace(/\/$/, "")}/${next}`), "/"),
    ...(users.length > 0 ? { user: users.at(-1)!.user } : {}),
    ...(healthcheck ? { healthcheck } : {}),
    ...(cmd ? { cmd } : {}),
  };
}

/** The stage an image name refers to, when it is an earlier stage of the same file. */
export function stageNamed(model: ImageModel, name: string): Stage | undefined {
  return model.stages.find((stage) => stage.name === name);
}
