/**
 * The task pane's production build (`dist/`) served by the office server: GET and HEAD of files
 * inside one folder, `/` redirected to the pane. Paths are resolved and must stay inside the
 * folder; hidden files (".x") are never served. No token is needed: Office loads the pane itself.
 */
import { createReadStream, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, normalize, sep } from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
};

export const PANE_PAGE = "/taskpane.html";

/** The file under `root` a URL path names, or null when it names none (or tries to leave root). */
export function fileFor(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return null;
  const relative = normalize(decoded).replace(/^[/\\]+/, "");
  if (relative === "" || relative.split(/[/\\]/).some((part) => part === ".." || part.startsWith("."))) return null;
  const file = join(root, relative);
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

/** Answer a request for a file of the site; false when the request is not for one (the caller answers). */
export function serveStatic(req: IncomingMessage, res: ServerResponse, root: string): boolean {
  const method = (req.method ?? "GET").toUpperCase();
  if (method !== "GET" && method !== "HEAD") return false;
  const path = (req.url ?? "/").split("?")[0];
  if (path === "/") {
    res.writeHead(302, { Location: PANE_PAGE, "Content-Length": 0 });
    res.end();
    return true;
  }
  const file = fileFor(root, path);
  if (!file) return false;
  const size = statSync(file).size;
  res.writeHead(200, {
    "Content-Type": CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
    "Content-Length": size,
    // Revalidated on every load, so a new build reaches Office without stale bundles.
    "Cache-Control": "no-cache",
    "X-Content-Type-Options": "nosniff",
  });
  if (method === "HEAD") {
    res.end();
    return true;
  }
  createReadStream(file)
    .on("error", () => res.destroy())
    .pipe(res);
  return true;
}
