// Runs once when the Next server starts: the settings are checked here, so a server without PUBLIC_URL
// (or with any bad setting) refuses to start, saying why, instead of answering 500 to every request.
import { parseFrontendConfig } from "./lib/config.ts";

export function register(): void {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  try {
    parseFrontendConfig(process.env);
  } catch (error) {
    console.error(`new-frontend: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
