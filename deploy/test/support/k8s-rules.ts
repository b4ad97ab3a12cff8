// What our manifests must hold beyond a valid schema, as problem lines (empty = fine): every container
// probed, sized and locked down, writable paths on emptyDirs, and every reference (Service selector,
// PodDisruptionBudget, HorizontalPodAutoscaler, ConfigMap, Secret, ServiceMonitor) landing on something.
import { posix } from "node:path";
import type { IServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IContainer } from "kubernetes-models/v1/Container";

export interface K8sObject { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string> }; spec?: unknown; data?: Record<string, string> }

const named = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);
const matches = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  selector !== undefined && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);

function containerProblems(where: string, container: IContainer): string[] {
  const problems: string[] = [];
  if (!container.readinessProbe) problems.push(`${where}: no readinessProbe`);
  if (!container.livenessProbe) problems.push(`${where}: no livenessProbe`);
  for (const kind of ["requests", "limits"] as const) {
    for (const resource of ["cpu", "memory"]) {
      if (container.resources?.[kind]?.[resource] === undefined) problems.push(`${where}: no resources.${kind}.${resource}`);
    }
  }
  const security = container.securityContext;
  if (security?.readOnlyRootFilesystem !== true) problems.push(`${where}: securityContext.readOnlyRootFilesystem is not true`);
  if (security?.allowPrivilegeEscalation !== false) problems.push(`${where}: securityContext.allowPrivilegeEscalation is not false`);
  if (!security?.capabilities?.drop?.includes("ALL")) problems.push(`${where}: securityContext.capabilities.drop lacks ALL`);
  const portNames = new Set((container.ports ?? []).map((p) => p.name));
  for (const probe of [container.readinessProbe, container.livenessProbe]) {
    const port = probe?.httpGet?.port ?? probe?.tcpSocket?.port;
    if (typeof port === "string" && !portNames.has(port)) problems.push(`${where}: a probe names port ${port}, which the container does not declare`);
  }
  return [...new Set(problems)];
}

/** Paths a container writes (env that names a directory, Next's cache) must sit on an emptyDir mount. */
function writableProblems(where: string, container: IContainer, emptyDirs: Set<string>): string[] {
  const writable = [
    ...(container.env ?? []).filter((e) => e.name === "FLAG_STATE_DIR" && e.value).map((e) => e.value!),
    ...((container.image ?? "").includes("new-frontend") ? ["/app/new-frontend/.next/cache"] : []),
    "/tmp",
  ];
  const mounts = (container.volumeMounts ?? []).filter((m) => emptyDirs.has(m.name)).map((m) => m.mountPath);
  return writable.filter((path) => !mounts.some((mount) => path === mount || !posix.relative(mount, path).startsWith("..")))
    .map((path) => `${where}: ${path} is written but is on the read-only root filesystem (no emptyDir mounted there)`);
}

export function deploymentProblems(deployment: IDeployment & K8sObject): string[] {
  const pod = deployment.spec?.template.spec;
  const where = `Deployment/${deployment.metadata.name}`;
  if (!pod) return [`${where}: no pod template`];
  const problems: string[] = [];
  if (pod.securityContext?.runAsNonRoot !== true) problems.push(`${where}: pod securityContext.runAsNonRoot is not true`);
  const emptyDirs = new Set((pod.volumes ?? []).filter((v) => v.emptyDir).map((v) => v.name));
  for (const container of pod.containers) {
    problems.push(...containerProblems(`${where}/${container.name}`, container), ...writableProblems(`${where}/${container.name}`, container, emptyDirs));
  }
  return problems;
}

/** Services, PodDisruptionBudgets, HorizontalPodAutoscalers and ServiceMonitors that point at nothing. */
export function referenceProblems(objects: K8sObject[], externalSecrets: string[]): string[] {
  const deployments = named(objects, "Deployment") as Array<IDeployment & K8sObject>;
  const podLabels = deployments.map((d) => d.spec?.template.metadata?.labels);
  const problems: string[] = [];
  for (const service of named(objects, "Service")) {
    const { selector } = service.spec as { selector?: Record<string, string> };
    if (!podLabels.some((labels) => matches(selector, labels))) problems.push(`Service/${service.metadata.name}: selects no Deployment's pods`);
  }
  for (const pdb of named(objects, "PodDisruptionBudget")) {
    const { selector } = pdb.spec as { selector?: { matchLabels?: Record<string, string> } };
    if (!podLabels.some((labels) => matches(selector?.matchLabels, labels))) problems.push(`PodDisruptionBudget/${pdb.metadata.name}: selects no Deployment's pods`);
  }
  for (const hpa of named(objects, "HorizontalPodAutoscaler")) {
    const { scaleTargetRef, metrics = [] } = hpa.spec as { scaleTargetRef: { kind: string; name: string }; metrics?: Array<{ resource?: { name: string } }> };
    if (scaleTargetRef.kind !== "Deployment" || !deployments.some((d) => d.metadata.name === scaleTargetRef.name)) problems.push(`HorizontalPodAutoscaler/${hpa.metadata.name}: scales no Deployment here`);
    if (!metrics.some((m) => m.resource?.name === "cpu")) problems.push(`HorizontalPodAutoscaler/${hpa.metadata.name}: no CPU metric`);
  }
  for (const monitor of named(objects, "ServiceMonitor")) {
    const { selector, endpoints = [] } = monitor.spec as IServiceMonitor["spec"];
    const services = named(objects, "Service").filter((s) => matches(selector.matchLabels, s.metadata.labels));
    const ports = new Set(services.flatMap((s) => (s.spec as { ports: Array<{ name?: string }> }).ports.map((p) => p.name)));
    if (services.length === 0) problems.push(`ServiceMonitor/${monitor.metadata.name}: selects no Service (by its labels)`);
    for (const endpoint of endpoints) if (!ports.has(endpoint.port)) problems.push(`ServiceMonitor/${monitor.metadata.name}: no selected Service has port ${endpoint.port}`);
  }
  const configMaps = new Set(named(objects, "ConfigMap").map((c) => c.metadata.name));
  const secrets = new Set([...named(objects, "Secret").map((s) => s.metadata.name), ...externalSecrets]);
  for (const { key, name } of findReferences(deployments)) {
    if (/^configMap/.test(key) && !configMaps.has(name)) problems.push(`ConfigMap ${name} is referenced but not rendered`);
    if (/^secret/.test(key) && !secrets.has(name)) problems.push(`Secret ${name} is referenced but neither rendered nor declared external`);
  }
  return [...new Set(problems)];
}

/** Every configMap/configMapRef/configMapKeyRef/secretRef/secretKeyRef `name` and secret volume `secretName`. */
function findReferences(value: unknown, key = ""): Array<{ key: string; name: string }> {
  if (Array.isArray(value)) return value.flatMap((item) => findReferences(item, key));
  if (!value || typeof value !== "object") return [];
  const record = value as Record<string, unknown>;
  const here = /^(configMap|configMapRef|configMapKeyRef|secretRef|secretKeyRef)$/.test(key) && typeof record.name === "string" ? [{ key, name: record.name }]
    : key === "secret" && typeof record.secretName === "string" ? [{ key, name: record.secretName }] : [];
  return [...here, ...Object.entries(record).flatMap(([k, v]) => findReferences(v, k))];
}
