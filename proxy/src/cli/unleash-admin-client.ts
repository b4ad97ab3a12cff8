// The few Unleash Admin API calls the CLI needs, over plain fetch. Every failure becomes an
// UnleashAdminError naming the call, the HTTP status and Unleash's own message.
import { FlagsError } from "../flags/errors.ts";

export interface AdminStrategy {
  id: string;
  name: string;
  title?: string | null;
  parameters?: Record<string, string>;
  constraints?: unknown[];
  variants?: unknown[];
  segments?: number[];
  disabled?: boolean | null;
}

export interface AdminFeatureEnvironment {
  name: string;
  enabled: boolean;
  strategies: AdminStrategy[];
}

export interface AdminFeature {
  name: string;
  project: string;
  environments: AdminFeatureEnvironment[];
}

export class UnleashAdminError extends FlagsError {
  readonly status: number | undefined;
  constructor(call: string, status: number | undefined, detail: string, options: { cause?: unknown; code?: string } = {}) {
    const code = options.code ?? (status === undefined ? "UNLEASH_UNREACHABLE" : "UNLEASH_ADMIN_REJECTED");
    super(code, `${call} → ${status === undefined ? "" : `HTTP ${status}: `}${detail}`, { cause: options.cause });
    this.status = status;
  }

  get isAuthFailure(): boolean {
    return this.status === 401 || this.status === 403;
  }

  /** Every further call would fail the same way: bad token, or no Unleash at that URL. */
  get isFatal(): boolean {
    return this.isAuthFailure || this.code === "UNLEASH_UNREACHABLE";
  }
}

export interface UnleashAdminClient {
  getFeature(project: string, name: string): Promise<AdminFeature | undefined>;
  createFeature(project: string, feature: { name: string; description: string }): Promise<void>;
  addStrategy(project: string, feature: string, environment: string, strategy: Omit<AdminStrategy, "id">): Promise<void>;
  updateStrategy(project: string, feature: string, environment: string, strategy: AdminStrategy): Promise<void>;
  enable(project: string, feature: string, environment: string): Promise<void>;
}

async function readMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { message?: string; details?: Array<{ message?: string; description?: string }> };
    const details = (body.details ?? []).map((detail) => detail.message ?? detail.description).filter(Boolean);
    return [...new Set([body.message, ...details].filter(Boolean))].join("; ") || text || response.statusText;
  } catch {
    return text.trim() || response.statusText;
  }
}

/** `baseUrl` is UNLEASH_URL, the API root the client also uses (…/api). */
export function createUnleashAdminClient(baseUrl: string, token: string, timeoutMs = 10_000): UnleashAdminClient {
  const root = baseUrl.replace(/\/+$/, "");
  async function call(method: string, path: string, body?: unknown): Promise<Response | undefined> {
    const label = `${method} ${root}${path}`;
    let response: Response;
    try {
      response = await fetch(`${root}${path}`, {
        method,
        headers: { Authorization: token, "Content-Type": "application/json", Accept: "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new UnleashAdminError(label, undefined, `cannot reach Unleash (${reason})`, { cause: error });
    }
    if (method === "GET" && response.status === 404) return undefined;
    if (!response.ok) throw new UnleashAdminError(label, response.status, await readMessage(response));
    return response;
  }
  const features = (project: string) => `/admin/projects/${encodeURIComponent(project)}/features`;
  const strategies = (project: string, feature: string, environment: string) =>
    `${features(project)}/${encodeURIComponent(feature)}/environments/${encodeURIComponent(environment)}/strategies`;

  return {
    async getFeature(project, name) {
      const response = await call("GET", `${features(project)}/${encodeURIComponent(name)}`);
      return response ? ((await response.json()) as AdminFeature) : undefined;
    },
    async createFeature(project, feature) {
      await call("POST", features(project), { ...feature, type: "release", impressionData: false });
    },
    async addStrategy(project, feature, environment, strategy) {
      await call("POST", strategies(project, feature, environment), strategy);
    },
    async updateStrategy(project, feature, environment, strategy) {
      const { id, ...body } = strategy;
      await call("PUT", `${strategies(project, feature, environment)}/${encodeURIComponent(id)}`, body);
    },
    async enable(project, feature, environment) {
      await call("POST", `${features(project)}/${encodeURIComponent(feature)}/environments/${encodeURIComponent(environment)}/on`);
    },
  };
}
