/** ExcelJS's self-contained browser build (no Node built-ins needed), loaded on demand by the harness. */
declare module "exceljs/dist/exceljs.min.js" {
  import ExcelJS from "exceljs";
  export default ExcelJS;
}
