// `npm run bench -- new-frontend --lighthouse`: Lighthouse 12 (mobile defaults: emulated Moto G Power,
// simulated slow 4G and 4x CPU slowdown) in Debian's Chromium, offline on localhost, against the new and the
// legacy product and category pages, each through its proxy and warm. Prints the four category scores,
// Total Blocking Time, Largest Contentful Paint, total bytes and script bytes (transferred). --runs=N
// (default 3) takes the median run by performance score.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { ensureBuild } from "../tools/ensure-build.ts";
import { startBenchStack } from "./bench-stack.ts";

const runs = Number(/^--runs=(\d+)$/.exec(process.argv.find((arg) => arg.startsWith("--runs=")) ?? "")?.[1] ?? 3);
const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

interface Scores { performance: number; accessibility: number; bestPractices: number; seo: number; tbt: number; lcp: number; bytes: number; scriptBytes: number }

async function audit(url: string, port: number): Promise<Scores> {
  const result = await lighthouse(url, { port, output: "json", logLevel: "error" });
  const lhr = result!.lhr;
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const items = (lhr.audits["resource-summary"]?.details as { items?: Array<{ resourceType: string; transferSize: number }> } | undefined)?.items ?? [];
  const size = (type: string) => items.find((item) => item.resourceType === type)?.transferSize ?? 0;
  return {
    performance: score("performance"), accessibility: score("accessibility"), bestPractices: score("best-practices"), seo: score("seo"),
    tbt: lhr.audits["total-blocking-time"]?.numericValue ?? Number.NaN, lcp: lhr.audits["largest-contentful-paint"]?.numericValue ?? Number.NaN,
    bytes: size("total"), scriptBytes: size("script"),
  };
}

async function main(): Promise<void> {
  ensureBuild();
  const stack = await startBenchStack();
  const chrome = await chromeLauncher.launch({ chromePath: "/usr/bin/chromium", chromeFlags: CHROMIUM_FLAGS });
  try {
    const pages: Array<[string, string]> = [
      ["new PDP", `${stack.proxies.cached.url}/joust-duffle-bag.html`],
      ["legacy PDP", `${stack.proxies.legacy.url}/joust-duffle-bag.html`],
      ["new category", `${stack.proxies.cached.url}/gear/bags.html`],
      ["legacy category", `${stack.proxies.legacy.url}/gear/bags.html`],
    ];
    console.log(`Lighthouse 12 mobile, median of ${runs} runs by performance score (Chromium not pinned; the machine's load colours TBT)`);
    console.log(`${"page".padEnd(17)}${"perf".padStart(6)}${"a11y".padStart(6)}${"b.p.".padStart(6)}${"SEO".padStart(6)}${"TBT ms".padStart(8)}${"LCP ms".padStart(8)}${"total KB".padStart(10)}${"JS KB".padStart(8)}`);
    for (const [name, url] of pages) {
      await (await fetch(url)).arrayBuffer(); // warm
      const all: Scores[] = [];
      for (let i = 0; i < runs; i++) all.push(await audit(url, chrome.port));
      all.sort((a, b) => a.performance - b.performance);
      const s = all[Math.floor(all.length / 2)]!;
      console.log(`${name.padEnd(17)}${String(s.performance).padStart(6)}${String(s.accessibility).padStart(6)}${String(s.bestPractices).padStart(6)}${String(s.seo).padStart(6)}${s.tbt.toFixed(0).padStart(8)}${s.lcp.toFixed(0).padStart(8)}${(s.bytes / 1024).toFixed(0).padStart(10)}${(s.scriptBytes / 1024).toFixed(0).padStart(8)}`);
    }
  } finally {
    chrome.kill();
    await stack.close();
  }
}

await main();
