// office-addin-lint picks this file up. The Office.js rules (load before read, sync before read…)
// apply where Office.js is used; the pure engine, the .xlsx adapter, the CLI and the server read
// ExcelJS and plain objects, where those rules only misfire.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

const officeRulesOff = Object.fromEntries(Object.keys(officeAddins.rules).map((name) => [`office-addins/${name}`, "off"]));

export default [
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "test/e2e/screenshots/**"] },
  ...officeAddins.configs.recommended,
  // TypeScript checks names itself; ESLint's no-undef does not know Node or DOM globals in .ts files.
  { plugins: { "office-addins": officeAddins }, languageOptions: { parser: tsParser }, rules: { "no-undef": "off" } },
  { files: ["src/annex/**", "src/sync/**", "src/xlsx/**", "src/cli/**", "src/server/**", "test/**", "bench/**"], rules: officeRulesOff },
];
