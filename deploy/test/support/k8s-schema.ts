// Offline validation of rendered Kubernetes objects with kubernetes-models (types and JSON schemas
// generated from the Kubernetes OpenAPI spec; @kubernetes-models/prometheus-operator for the
// ServiceMonitor CRD), in two passes:
//   - the models' own validate(): required fields, types, enums and formats;
//   - the models' TypeScript interfaces, through the compiler: each object becomes a typed object
//     literal, so an unknown field (a typo such as `readinessProbes`) is an excess-property error —
//     the schemas themselves let unknown fields through.
import ts from "typescript";

interface K8sObject { apiVersion: string; kind: string; metadata?: { name?: string } }

/** The module that models a kind: core `v1` Service → kubernetes-models/v1/Service, `apps/v1` Deployment → kubernetes-models/apps/v1/Deployment. */
export function modelModule(apiVersion: string, kind: string): string {
  if (apiVersion.startsWith("monitoring.coreos.com/")) return `@kubernetes-models/prometheus-operator/${apiVersion}/${kind}`;
  return `kubernetes-models/${apiVersion}/${kind}`;
}

const describe = (object: K8sObject) => `${object.kind}/${object.metadata?.name ?? "?"}`;

/** Problems the models' validate() finds, one line per object. */
export async function validateWithModels(objects: K8sObject[]): Promise<string[]> {
  const problems: string[] = [];
  for (const object of objects) {
    const module = await import(modelModule(object.apiVersion, object.kind)) as Record<string, new (data: unknown) => { validate(): void }>;
    const Model = module[object.kind];
    if (!Model) {
      problems.push(`${describe(object)}: no model for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      problems.push(`${describe(object)}: ${(error as Error).message}`);
    }
  }
  return problems;
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true, noEmit: true, skipLibCheck: true, types: [],
  target: ts.ScriptTarget.ES2023, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
};

/**
 * Problems the TypeScript interfaces find (unknown fields, wrong types, missing required fields), each as
 * `Kind/name: message`. `fromDir` is where the models are resolved from (a directory with node_modules above).
 */
export function typeCheckWithModels(objects: K8sObject[], fromDir: string): string[] {
  const fileName = `${fromDir}/__rendered-objects__.ts`;
  const lines: string[] = [];
  const owners: number[] = [];
  objects.forEach((object, index) => {
    const text = `export const o${index}: import(${JSON.stringify(modelModule(object.apiVersion, object.kind))}).I${object.kind} = ${JSON.stringify(object, null, 2)};`;
    for (const line of text.split("\n")) {
      lines.push(line);
      owners.push(index);
    }
  });
  const source = lines.join("\n");
  const host = ts.createCompilerHost(COMPILER_OPTIONS);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) => (name === fileName ? ts.createSourceFile(name, source, version) : getSourceFile(name, version, ...rest));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === fileName || fileExists(name);
  const program = ts.createProgram([fileName], COMPILER_OPTIONS, host);
  const file = program.getSourceFile(fileName)!;
  return ts.getPreEmitDiagnostics(program, file).map((diagnostic) => {
    const line = diagnostic.start === undefined ? 0 : file.getLineAndCharacterOfPosition(diagnostic.start).line;
    const owner = objects[owners[line] ?? 0]!;
    return `${describe(owner)} (line ${line - owners.indexOf(owners[line] ?? 0) + 1}): ${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")}`;
  });
}
