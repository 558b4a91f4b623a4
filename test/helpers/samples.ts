import path from "node:path";

/** The real 2020 annex kept beside the project (see ../shared/samples/README.md). */
export const SAMPLE = path.resolve(__dirname, "../../../shared/samples/phu-luc-tang-truong-2020.xlsx");
