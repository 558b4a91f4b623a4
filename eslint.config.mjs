// office-addin-lint picks this file up; `npm run lint` runs ESLint on src/ and test/ (.ts and .tsx).
// The Office.js rules (load before read, sync before read…) apply where Office.js is used; the pure
// engine, the .xlsx adapter, the CLI and the server read ExcelJS and plain objects, where those
// rules only misfire. React's rules of hooks apply to the pane's components and hooks.
import officeAddins from "eslint-plugin-office-addins";
import reactHooks from "eslint-plugin-react-hooks";
import tsParser from "@typescript-eslint/parser";

// The preset's TypeScript block (parser, @typescript-eslint and prettier rules) stops at .ts: the same block for .tsx.
const typescriptBlock = officeAddins.configs.recommended.find((c) => (c.files || []).some((f) => f.includes("ts")));

const officeRulesOff = Object.fromEntries(Object.keys(officeAddins.rules).map((name) => [`office-addins/${name}`, "off"]));

export default [
  { ignores: ["dist/**", "build/**", "node_modules/**", "coverage/**", "test/e2e/screenshots/**"] },
  ...officeAddins.configs.recommended,
  { ...typescriptBlock, files: ["**/*.tsx"] },
  // TypeScript checks names itself; ESLint's no-undef does not know Node or DOM globals in .ts files.
  {
    files: ["**/*.ts", "**/*.tsx"],
    plugins: { "office-addins": officeAddins },
    languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
    rules: { "no-undef": "off" },
  },
  {
    files: ["src/taskpane/**/*.{ts,tsx}", "test/harness/**/*.tsx", "test/unit/taskpane/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
  { files: ["src/annex/**", "src/sync/**", "src/xlsx/**", "src/cli/**", "src/server/**", "test/**", "bench/**"], rules: officeRulesOff },
];
