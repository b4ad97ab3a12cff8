// `node new-frontend/tools/first-load-js.ts [.next dir]`: the JavaScript a first visit to each App Router page
// downloads, gzipped, as `next build` printed as "First Load JS" before Next 16 dropped the column: the
// root main files (React, the App Router runtime) plus the page's client-component chunks, read from the
// build's manifests.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { z } from "zod";

const distDir = process.argv[2] ?? join(import.meta.dirname, "..", ".next");
const buildManifest = z.object({ rootMainFiles: z.array(z.string()) }).parse(JSON.parse(readFileSync(join(distDir, "build-manifest.json"), "utf8")));
const clientManifest = z.record(z.string(), z.object({ entryJSFiles: z.record(z.string(), z.array(z.string())).optional() }));

const gzippedKb = (files: Set<string>) => [...files].reduce((sum, file) => sum + gzipSync(readFileSync(join(distDir, file))).length, 0) / 1024;

const manifests = execFileSync("find", [join(distDir, "server", "app"), "-name", "page_client-reference-manifest.js"], { encoding: "utf8" }).trim().split("\n").sort();
console.log(`${"route".padEnd(40)}${"first-load JS (KB gzip)".padStart(25)}${"files".padStart(7)}`);
for (const path of manifests) {
  // Each manifest is a script that assigns globalThis.__RSC_MANIFEST[route].
  const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: unknown } = {};
  sandbox.globalThis = sandbox;
  runInNewContext(readFileSync(path, "utf8"), sandbox);
  const files = new Set(buildManifest.rootMainFiles);
  for (const entry of Object.values(clientManifest.parse(sandbox.__RSC_MANIFEST))) {
    for (const chunks of Object.values(entry.entryJSFiles ?? {})) for (const chunk of chunks) files.add(chunk);
  }
  const route = `/${relative(join(distDir, "server", "app"), path).replace(/\/?page_client-reference-manifest\.js$/, "")}`;
  console.log(`${route.padEnd(40)}${gzippedKb(files).toFixed(1).padStart(25)}${String(files.size).padStart(7)}`);
}
