/**
 * `npm run bench`: prints figures, asserts nothing. Each stage loads its own modules when it runs,
 * so the analysis is timed in a process holding only the engine, as the pane's worker does (with
 * ExcelJS and the list server loaded beside it, its warm runs were 20 to 40 % slower: more heap
 * for the collector to walk).
 */

/** Piped into `head`: once the reader has gone, the figures still to come are not worth waiting for. */
let readerGone = false;
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") readerGone = true;
  else throw error;
});

async function main(): Promise<void> {
  const stages = [
    async () => (await import("./annexBench")).benchAnalysis(10_000, 40_000),
    async () => (await import("./checkBench")).benchCheck([10_000, 40_000, 50_000]),
    async () => (await import("./syncBench")).benchSync(),
  ];
  for (const stage of stages) {
    if (readerGone) return;
    await stage();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
