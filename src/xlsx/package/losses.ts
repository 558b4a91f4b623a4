/** Something in the workbook that --fix could not keep as it was, named in Vietnamese and English. */
export interface Loss {
  vi: string;
  en: string;
}

/** Parts a writer cannot keep valid whatever it changes. */
export function packageLosses(partNames: string[]): Loss[] {
  return partNames.some((name) => name.startsWith("_xmlsignatures/"))
    ? [{ vi: "chữ ký số của sổ (sẽ không còn hợp lệ)", en: "the workbook's digital signature (it would no longer be valid)" }]
    : [];
}
