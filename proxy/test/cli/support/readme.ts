// Reads the fenced code blocks of one README section, so a test can run exactly what the README shows.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoDir } from "./run-bin.ts";

/** The text under the `## <heading…>` line, up to the next `## ` heading. Throws when there is none. */
export function readReadmeSection(headingStart: string): string {
  const readme = readFileSync(join(repoDir, "README.md"), "utf8");
  const start = readme.indexOf(`\n## ${headingStart}`);
  if (start < 0) throw new Error(`README.md has no "## ${headingStart}" section`);
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** The bodies of the fenced blocks of one language, in order. */
export function readFencedBlocks(markdown: string, language: string): string[] {
  return [...markdown.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, "gm"))].map((match) => match[1]!.trimEnd());
}

export interface ShellResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a block with `sh -e` from the repository root, as a reader pastes it into a shell. */
export function runShell(script: string, env: Record<string, string>): Promise<ShellResult> {
  return new Promise((resolve) => {
    execFile("sh", ["-ec", script], { cwd: repoDir, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

export interface BackgroundShell {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr), for a failure message. */
  output(): string;
  exited(): boolean;
  /** SIGTERM to its whole process group (sh, npm, node), then waits for it to exit. */
  stop(): Promise<void>;
}

/** False once no process of the group is left. */
function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Starts a long-running block (a server) in its own process group. */
export function startShell(script: string, env: Record<string, string>): BackgroundShell {
  const child = spawn("sh", ["-ec", script], { cwd: repoDir, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-20_000); };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exit = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    output: () => output,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    async stop() {
      signalGroup(child.pid!, "SIGTERM");
      const timer = setTimeout(() => signalGroup(child.pid!, "SIGKILL"), 15_000);
      await exit;
      // npm may exit before the node process it started has drained: wait until the group is gone.
      while (signalGroup(child.pid!, 0)) await new Promise((resolve) => setTimeout(resolve, 50));
      clearTimeout(timer);
    },
  };
}
