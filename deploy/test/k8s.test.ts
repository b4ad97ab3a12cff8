// Every overlay in deploy/k8s/overlays, rendered by `kubectl kustomize` as a deploy would, then checked
// offline: each object against the Kubernetes schemas and types of kubernetes-models (the ServiceMonitor
// against the Prometheus operator's CRD models), and against our rules — probes, resources, security
// context, writable paths, and references that land. No cluster is needed or reached.
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import { parseAllDocuments } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { deploymentProblems, referenceProblems } from "./support/k8s-rules.ts";
import type { K8sObject } from "./support/k8s-rules.ts";
import { typeCheckWithModels, validateWithModels } from "./support/k8s-schema.ts";

const run = promisify(execFile);
const repo = join(import.meta.dirname, "..", "..");
const k8s = join(repo, "deploy", "k8s");
const overlays = readdirSync(join(k8s, "overlays")).sort();
const plans = readdirSync(join(repo, "migration-plans", "plans")).filter((f) => /\.ya?ml$/.test(f)).sort();
const workspaces = (JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { workspaces: string[] }).workspaces;
const DEPLOYABLES = ["new-frontend", "proxy", "purge", ...(workspaces.includes("services/search") ? ["search-service"] : [])];
/** Secrets an overlay expects to exist in the cluster, created outside this repository. */
const EXTERNAL_SECRETS: Record<string, string[]> = { dev: [], production: ["strangler-tokens"] };

async function render(overlay: string): Promise<K8sObject[]> {
  const { stdout } = await run("kubectl", ["kustomize", join(k8s, "overlays", overlay)], { maxBuffer: 16 * 1024 * 1024 });
  return parseAllDocuments(stdout).map((doc) => doc.toJSON() as K8sObject);
}

const deployment = (name: string, containers: unknown[]): K8sObject & IDeployment => ({
  apiVersion: "apps/v1", kind: "Deployment", metadata: { name },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { securityContext: { runAsNonRoot: true }, containers } } },
}) as K8sObject & IDeployment;

const goodContainer = {
  name: "c", image: "strangler/proxy:1.0.0", ports: [{ name: "admin", containerPort: 9090 }],
  readinessProbe: { httpGet: { path: "/readyz", port: "admin" } }, livenessProbe: { httpGet: { path: "/healthz", port: "admin" } },
  resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { cpu: "1", memory: "128Mi" } },
  securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
  volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
};
const withTmp = (d: K8sObject & IDeployment) => {
  d.spec!.template.spec!.volumes = [{ name: "tmp", emptyDir: {} }];
  return d;
};

describe("the checks themselves", () => {
  it.each([
    ["an unknown field", { ...goodContainer, readinessProbes: goodContainer.readinessProbe }, "Object literal may only specify known properties, and '\"readinessProbes\"' does not exist in type 'IContainer'."],
    ["a wrongly typed field", { ...goodContainer, ports: [{ name: "admin", containerPort: "9090" }] }, "Type 'string' is not assignable to type 'number'."],
  ])("rejects %s (TypeScript interfaces of kubernetes-models)", (_what, container, message) => {
    const problems = typeCheckWithModels([withTmp(deployment("bad", [container]))], join(repo, "deploy", "test"));
    expect(problems).toEqual([expect.stringMatching(/^Deployment\/bad \(line \d+\): /)]);
    expect(problems[0]).toContain(message);
  });

  it("rejects a Deployment without a selector (kubernetes-models schema)", async () => {
    const bad = deployment("bad", [goodContainer]);
    delete (bad.spec as { selector?: unknown }).selector;
    expect(await validateWithModels([bad])).toEqual([expect.stringMatching(/^Deployment\/bad: .*selector/)]);
  });

  it.each([
    ["a missing liveness probe", { ...goodContainer, livenessProbe: undefined }, "Deployment/bad/c: no livenessProbe"],
    ["a missing memory limit", { ...goodContainer, resources: { ...goodContainer.resources, limits: { cpu: "1" } } }, "Deployment/bad/c: no resources.limits.memory"],
    ["a writable root filesystem", { ...goodContainer, securityContext: { ...goodContainer.securityContext, readOnlyRootFilesystem: false } }, "Deployment/bad/c: securityContext.readOnlyRootFilesystem is not true"],
    ["a probe on an undeclared port", { ...goodContainer, ports: [] }, "Deployment/bad/c: a probe names port admin, which the container does not declare"],
    ["a flag directory on the read-only root", { ...goodContainer, env: [{ name: "FLAG_STATE_DIR", value: "/app/var/flags" }] }, "Deployment/bad/c: /app/var/flags is written but is on the read-only root filesystem (no emptyDir mounted there)"],
  ])("rejects %s (our rules)", (_what, container, problem) => {
    expect(deploymentProblems(withTmp(deployment("bad", [container])))).toEqual([problem]);
  });

  it("accepts a container that has everything", () => {
    expect(deploymentProblems(withTmp(deployment("good", [goodContainer])))).toEqual([]);
    expect(typeCheckWithModels([withTmp(deployment("good", [goodContainer]))], join(repo, "deploy", "test"))).toEqual([]);
  });
});

describe.each(overlays)("overlay %s", (overlay) => {
  let objects: K8sObject[];
  beforeAll(async () => { objects = await render(overlay); });
  const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
  const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);

  it("renders with kubectl kustomize into the objects of every deployable", () => {
    expect(byKind("Deployment").map((d) => d.metadata.name).sort()).toEqual(DEPLOYABLES);
    expect(byKind("PodDisruptionBudget").map((d) => d.metadata.name).sort()).toEqual(DEPLOYABLES);
    expect(byKind("HorizontalPodAutoscaler").map((d) => d.metadata.name).sort()).toEqual(DEPLOYABLES.filter((name) => name !== "purge"));
  });

  it("is valid against the Kubernetes schemas (kubernetes-models validate)", async () => {
    expect(await validateWithModels(objects)).toEqual([]);
  });

  it("has no unknown field and no wrong type (kubernetes-models TypeScript interfaces)", () => {
    expect(typeCheckWithModels(objects, join(repo, "deploy", "test"))).toEqual([]);
  });

  it("probes, sizes and locks down every container, and puts its writable paths on emptyDirs", () => {
    expect(byKind("Deployment").flatMap((d) => deploymentProblems(d as K8sObject & IDeployment))).toEqual([]);
  });

  it("points every Service, PodDisruptionBudget, HPA, ServiceMonitor and ConfigMap/Secret reference at something", () => {
    expect(referenceProblems(objects, EXTERNAL_SECRETS[overlay] ?? [])).toEqual([]);
  });

  it("probes the proxy on its admin port, which listens on the pod IP", () => {
    const proxy = (find("Deployment", "proxy") as IDeployment & K8sObject).spec!.template.spec!.containers[0]!;
    expect(proxy.readinessProbe?.httpGet).toEqual({ path: "/readyz", port: "admin" });
    expect(proxy.livenessProbe?.httpGet).toEqual({ path: "/healthz", port: "admin" });
    expect(proxy.env).toContainEqual({ name: "ADMIN_HOST", value: "0.0.0.0" });
    expect(proxy.ports).toContainEqual({ name: "admin", containerPort: 9090 });
  });

  it("mounts every plan from the strangler-plans ConfigMap at PLANS_DIR, under a name that stays (no hash)", () => {
    expect(Object.keys(find("ConfigMap", "strangler-plans")?.data ?? {}).sort()).toEqual(plans);
    const pod = (find("Deployment", "proxy") as IDeployment & K8sObject).spec!.template.spec!;
    const plansDir = pod.containers[0]!.env!.find((e) => e.name === "PLANS_DIR")!.value;
    const mount = pod.containers[0]!.volumeMounts!.find((m) => m.mountPath === plansDir)!;
    expect(pod.volumes!.find((v) => v.name === mount.name)?.configMap?.name).toBe("strangler-plans");
  });

  it("takes the tokens from a Secret: generated with placeholders in dev, external in production", () => {
    const secrets = byKind("Secret").map((s) => s.metadata.name);
    if (overlay === "production") expect(secrets).toEqual([]);
    else expect(secrets).toEqual([expect.stringMatching(/^strangler-tokens-/)]);
  });

  it("has a ServiceMonitor only where the Prometheus operator is expected (production)", () => {
    expect(byKind("ServiceMonitor").map((s) => s.metadata.name)).toEqual(overlay === "production" ? ["proxy"] : []);
  });
});
