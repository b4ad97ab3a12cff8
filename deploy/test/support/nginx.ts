// Debian's nginx as the load balancer of the horizontal-scale test (what a Kubernetes Service or a cloud
// load balancer is in production): one listener per pool on a free loopback port, round robin over its
// members, a failed connection retried on the next member. Runs as this user, in the foreground, with its
// config, logs and temp files in a temp dir; stop() ends that process by its pid.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface NginxPool {
  name: string;
  /** Loopback port nginx listens on for this pool (chosen up front: others need the URL before nginx starts). */
  port: number;
  /** host:port of each member. */
  members: string[];
}

export interface RunningNginx {
  /** http://127.0.0.1:<port> by pool name. */
  urls: Record<string, string>;
  pid: number;
  errorLog(): Promise<string>;
  stop(): Promise<void>;
}

export const NGINX = "/usr/sbin/nginx";

/**
 * `proxy_next_upstream error timeout`: a request that could not be sent, or got no answer, goes to the next
 * member — for GET and HEAD only, since nginx never resends a POST unless told `non_idempotent` (we don't:
 * a non-idempotent request is never sent twice). `max_fails=1 fail_timeout=5s` takes a dead member out.
 */
const READY_PATH = "/.nginx-ready";

function renderConfig(dir: string, pools: NginxPool[]): string {
  const servers = pools.map((pool) => `
  upstream ${pool.name} {
${pool.members.map((member) => `    server ${member} max_fails=1 fail_timeout=5s;`).join("\n")}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${pool.port};
    # nginx's own answer, so the start-up probe touches no member: a probe through the pool before its
    # members listen would take them all out for fail_timeout.
    location = ${READY_PATH} { return 204; }
    location / {
      proxy_pass http://${pool.name};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_next_upstream error timeout;
      proxy_next_upstream_tries 3;
      proxy_connect_timeout 1s;
      proxy_read_timeout 30s;
      proxy_buffering off;
    }
  }`).join("\n");
  return `daemon off;
master_process on;
worker_processes 1;
pid ${join(dir, "nginx.pid")};
error_log ${join(dir, "error.log")} warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${join(dir, "body")};
  proxy_temp_path ${join(dir, "proxy")};
  fastcgi_temp_path ${join(dir, "fastcgi")};
  uwsgi_temp_path ${join(dir, "uwsgi")};
  scgi_temp_path ${join(dir, "scgi")};
${servers}
}
`;
}

async function waitForListener(url: string, child: ChildProcess, errorLog: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${await errorLog()}`);
    try {
      await (await fetch(url, { signal: AbortSignal.timeout(1_000) })).arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`nginx did not listen on ${url} within 10 s: ${await errorLog()}`);
}

export async function startNginx(pools: NginxPool[]): Promise<RunningNginx> {
  const dir = await mkdtemp(join(tmpdir(), "strangler-nginx-"));
  const conf = join(dir, "nginx.conf");
  await writeFile(conf, renderConfig(dir, pools));
  const child = spawn(NGINX, ["-c", conf, "-p", dir, "-e", join(dir, "error.log")], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const errorLog = async () => stderr + (await readFile(join(dir, "error.log"), "utf8").catch(() => ""));
  const urls = Object.fromEntries(pools.map((pool) => [pool.name, `http://127.0.0.1:${pool.port}`]));
  const stop = async () => {
    if (child.pid && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(child.pid, "SIGQUIT"); // graceful: finish open requests
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null) process.kill(child.pid, "SIGKILL");
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForListener(`${Object.values(urls)[0]!}${READY_PATH}`, child, errorLog);
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls, pid: child.pid ?? -1, errorLog, stop };
}
