import path from "node:path";

/** The real 2020 annex carried by the project (see samples/README.md). */
export const SAMPLE = path.resolve(__dirname, "../../samples/phu-luc-tang-truong-2020.xlsx");

/** The task-list sample (see samples/README.md): 10 tasks, as of 30/09/2023 from its title. */
export const TASK_SAMPLE = path.resolve(__dirname, "../../samples/danh-muc-nhiem-vu-2023.xlsx");
