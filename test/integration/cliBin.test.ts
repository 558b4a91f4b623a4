/**
 * The installable command: `package.json` "bin" points at JavaScript compiled by `npm run build:cli`
 * (run by `prepare` on npm install / npm ci), so `npx annex` starts without transpiling TypeScript.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { SAMPLE } from "../helpers/samples";

const ROOT = path.resolve(__dirname, "../..");
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
const BIN = path.join(ROOT, pkg.bin.annex);

async function run(command: string, args: string[]) {
  return promisify(execFile)(command, args, { cwd: ROOT }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

beforeAll(async () => {
  if (!existsSync(BIN)) expect((await run("npm", ["run", "--silent", "build:cli"])).code).toBe(0);
}, 120_000);

describe("the compiled annex command", () => {
  it("is built by prepare and declared as the package's bin", () => {
    expect(pkg.scripts.prepare).toContain("build:cli");
    expect(readFileSync(BIN, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(statSync(BIN).mode & 0o111).toBe(0o111); // executable, for the link npm makes in node_modules/.bin
    expect(Object.keys(pkg.dependencies)).toEqual(expect.arrayContaining(["exceljs", "jszip"]));
  });

  it("prints its usage for --help", async () => {
    const { stdout, stderr } = await run("node", [BIN, "--help"]);
    expect(stdout + stderr).toContain("annex check [--json] [--fix OUT.xlsx");
  });

  it("checks the sample: the JSON report and exit code 1 for its errors", async () => {
    const { code, stdout } = await run("node", [BIN, "check", "--json", SAMPLE]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).files[0].tables[0]).toMatchObject({ sheet: "Phụ lục", range: "A4:I36", numberRow: 6 });
  });

  it("runs as `npx annex` from the project folder", async () => {
    const { code, stdout } = await run("npx", ["--no-install", "annex", "check", "--json", "samples/danh-muc-nhiem-vu-2023.xlsx"]);
    expect(JSON.parse(stdout).files[0].tables[0].sheet).toBe("Nhiệm vụ 2023");
    expect([0, 1]).toContain(code);
  }, 60_000);
});
