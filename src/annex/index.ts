/** The annex engine: plain data in (a sheet snapshot), plain data out (tables, plans). */
export * from "./model";
export * from "./snapshot";
export { recognizeTables } from "./recognize";
export { planFill } from "./fill";
export { parseFormulaSpec, guardedFormula, evaluate, toExcel } from "./formulaSpec";
export { parseNumberText, readCellNumber, columnNumberContext } from "./numbers";
export { fold } from "./text";
