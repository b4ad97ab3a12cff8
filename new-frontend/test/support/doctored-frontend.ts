// The new frontend alone (a Next production server, child process) reading a doctored Magento: the
// sandbox with some answers changed (see doctored-magento.ts). For data the sample store lacks.
import { startSandbox } from "@strangler/magento-sandbox";
import { buildNextStartArgs, findFreePort, startService } from "../../tools/services.ts";
import { frontendDir } from "../../tools/ensure-build.ts";
import { startDoctoredMagento, type Doctorings } from "./doctored-magento.ts";

export interface DoctoredFrontend {
  nextUrl: string;
  close(): Promise<void>;
}

export async function startDoctoredFrontend(doctorings: Doctorings, publicUrl: string): Promise<DoctoredFrontend> {
  const sandbox = await startSandbox({ port: 0 });
  const magento = await startDoctoredMagento(sandbox.url, doctorings);
  const port = await findFreePort();
  const nextUrl = `http://127.0.0.1:${port}`;
  const next = await startService({
    name: "new-frontend", args: buildNextStartArgs(port), cwd: frontendDir, output: "pipe", readyUrl: `${nextUrl}/api/health`,
    env: { MAGENTO_URL: magento.url, PUBLIC_URL: publicUrl, REDIS_URL: "", NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
  });
  return {
    nextUrl,
    async close() {
      await next.stop();
      await magento.close();
      await sandbox.close();
    },
  };
}
