import path from "node:path";

/** The real 2020 annex carried by the project (see samples/README.md). */
export const SAMPLE = path.resolve(__dirname, "../../samples/phu-luc-tang-truong-2020.xlsx");
