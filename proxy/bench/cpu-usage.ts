// Lets the bench parent read this process's CPU time over IPC (to compute CPU time per request).
export function serveCpuUsage(): void {
  process.on("message", (message) => {
    if (message === "cpu") process.send!({ cpu: process.cpuUsage() });
  });
  process.on("disconnect", () => process.exit(0));
}
