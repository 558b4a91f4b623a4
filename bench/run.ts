/** `npm run bench`: prints figures, asserts nothing. */
import { benchAnnex } from "./annexBench";
import { benchSync } from "./syncBench";

async function main(): Promise<void> {
  benchAnnex(10_000);
  await benchSync();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
