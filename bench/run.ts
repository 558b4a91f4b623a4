/** `npm run bench`: prints figures, asserts nothing. */
import { benchAnalysis } from "./annexBench";
import { benchCheck } from "./checkBench";
import { benchSync } from "./syncBench";

/** Piped into `head`: once the reader has gone, the figures still to come are not worth waiting for. */
let readerGone = false;
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") readerGone = true;
  else throw error;
});

async function main(): Promise<void> {
  const stages = [
    async () => benchAnalysis(10_000, 40_000),
    () => benchCheck([10_000, 40_000, 50_000]),
    () => benchSync(),
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
