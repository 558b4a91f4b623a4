/**
 * List addresses: "http://127.0.0.1:4100/v1.0/sites/root/lists/Annex" or
 * "https://graph.microsoft.com/v1.0/sites/{site-id}/lists/{list-name-or-id}" (the site may also
 * be "hostname:/sites/path:"). Split into the Graph root for the client and the site and list
 * for the sync.
 */
import type { ListLocation } from "./engine";

export interface ParsedListUrl extends ListLocation {
  /** Graph root, e.g. "https://graph.microsoft.com/v1.0". */
  baseUrl: string;
}

export function parseListUrl(text: string): ParsedListUrl | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  const path = url.pathname;
  const m = /^(.*?\/(?:v1\.0|beta))\/sites\/(.+)\/lists\/([^/]+)\/?$/.exec(path);
  if (!m) return null;
  const site = m[2];
  if (site === "" || (site.includes("/") && !/^[^/:]+:\/.+:$/.test(site))) return null;
  let list: string;
  try {
    list = decodeURIComponent(m[3]);
  } catch {
    return null;
  }
  if (list.trim() === "") return null;
  return { baseUrl: `${url.origin}${m[1]}`, site, list };
}
