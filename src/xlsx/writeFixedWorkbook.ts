/**
 * The CLI's --fix: a copy of the workbook with the fill plans, the highlight rules and the legends
 * written into the parts they change (the sheets' cells and conditional formats, styles, workbook
 * calculation settings and the task lists' as-of name, a legend sheet when needed). Every other part of the package is copied as
 * it was: charts, drawings, images, comments, data validation, names, protection, page setup…
 * When something cannot be kept, nothing is written unless `force` is set.
 */
import { readFileSync } from "node:fs";
import type { TableAnalysis } from "../annex";
import { bilingual } from "../messages";
import { packageLosses, type Loss } from "./package/losses";
import { checkOutputFile, OutputFileError, writeFileAtomically } from "./package/outputFile";
import { PackageWorkbook } from "./package/packageWorkbook";
import { ZipPackage } from "./package/zipPackage";
import { applyHighlightRules, applyTaskHighlight, asOfFooter, writeLegend } from "./writeHighlight";
import { applyFillPlan } from "./writePlan";

/** --fix did not write its output; the message names why, in Vietnamese then English. */
export class FixError extends Error {}

export interface FixOptions {
  /** Write even when something cannot be kept (it is lost). */
  force?: boolean;
}

export async function writeFixedWorkbook(
  input: string,
  output: string,
  analyses: TableAnalysis[],
  options: FixOptions = {},
): Promise<void> {
  try {
    checkOutputFile(input, output);
  } catch (error) {
    if (error instanceof OutputFileError) throw new FixError(error.message);
    throw error;
  }
  let bytes: Buffer;
  try {
    bytes = await fixedPackage(readFileSync(input), analyses, options);
  } catch (error) {
    if (error instanceof FixError) throw new FixError(`${output}: ${error.message}`);
    const reason = error instanceof Error ? error.message : String(error);
    throw new FixError(`${output}: ${bilingual("fix.failed", { input })} (${reason})`);
  }
  try {
    writeFileAtomically(output, bytes);
  } catch (error) {
    if (error instanceof OutputFileError) throw new FixError(error.message);
    throw error;
  }
}

/** The fixed package's bytes. */
export async function fixedPackage(original: Buffer, analyses: TableAnalysis[], options: FixOptions = {}): Promise<Buffer> {
  const zip = await ZipPackage.open(original);
  const workbook = await PackageWorkbook.open(zip);
  const losses: Loss[] = packageLosses(zip.partNames());
  for (const analysis of analyses) {
    losses.push(...(await applyFillPlan(workbook, analysis.plan)));
    await applyHighlightRules(workbook, analysis.table, analysis.rules);
    if (analysis.rules.length) await writeLegend(workbook, analysis.table, analysis.legend, analysis.classification.ratioColumn);
    const tasks = analysis.taskHighlight;
    if (tasks) {
      await applyTaskHighlight(workbook, analysis.table, tasks);
      if (tasks.rules.length)
        await writeLegend(workbook, analysis.table, tasks.legend, null, tasks.asOf ? asOfFooter(tasks.asOfName) : undefined);
    }
  }
  if (losses.length && !options.force) throw new FixError(bilingual("fix.cannotKeep", { losses }));
  await workbook.save();
  return zip.toBuffer();
}
