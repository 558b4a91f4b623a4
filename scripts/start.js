#!/usr/bin/env node
/**
 * `npm start`: the local list server (the default shared list) and the task pane's dev server,
 * side by side; Ctrl+C stops both. Sideload manifest.xml in Excel to use the pane.
 */
const { spawn } = require("node:child_process");

const children = [
  ["list-server", ["run", "--silent", "list-server"]],
  ["dev-server", ["run", "--silent", "dev-server"]],
].map(([name, args]) => {
  const child = spawn("npm", args, { stdio: "inherit" });
  child.on("exit", (code) => {
    console.log(`${name} stopped (${code ?? "signal"})`);
    stopAll(code ?? 0);
  });
  return child;
});

let stopping = false;
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  process.exitCode = code;
}

process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));
