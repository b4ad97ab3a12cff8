// The new frontend's benches: `npm run bench -- new-frontend` (load: wrk per page type, legacy against
// new, direct and through the proxy, warm and cold), `npm run bench -- new-frontend --lighthouse`
// (Lighthouse 12 mobile scores, TBT, LCP and bytes of new and legacy product and category pages) and
// `npm run bench -- new-frontend --throughput` (req/s of one Next process, throughput.ts).
export {};
if (process.argv.includes("--throughput")) await import("./throughput.ts");
else if (process.argv.includes("--lighthouse")) await import("./lighthouse.ts");
else await import("./load.ts");
