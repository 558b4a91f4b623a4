/** `npm run bench`: prints figures, asserts nothing. */
import { benchAnnex } from "./annexBench";

benchAnnex(10_000);
