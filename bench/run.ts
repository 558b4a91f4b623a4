/** `npm run bench`: prints figures, asserts nothing. */
import { benchAnalysis } from "./annexBench";
import { benchCheck } from "./checkBench";
import { benchSync } from "./syncBench";

async function main(): Promise<void> {
  benchAnalysis(10_000, 40_000);
  await benchCheck([10_000, 40_000, 50_000]);
  await benchSync();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
