/** Whether the host supports an ExcelApi requirement set (false outside Office). */
export function excelApiSupported(version: string): boolean {
  try {
    return typeof Office !== "undefined" && Office.context.requirements.isSetSupported("ExcelApi", version);
  } catch {
    return false;
  }
}
