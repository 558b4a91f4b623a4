/** Something in the workbook that --fix could not keep as it was; the message catalogue names it. */
import type { FixLoss } from "../../messages";

export type Loss = FixLoss;

/** Parts a writer cannot keep valid whatever it changes. */
export function packageLosses(partNames: string[]): Loss[] {
  return partNames.some((name) => name.startsWith("_xmlsignatures/")) ? [{ kind: "signature" }] : [];
}
