import { runCheck } from "../../src/cli/annex";

/** `annex check ARGS` run in this process: its exit code and what it wrote to stdout and stderr. */
export async function checkCommand(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCheck(
    args,
    (t) => void out.push(t),
    (t) => void err.push(t),
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}
