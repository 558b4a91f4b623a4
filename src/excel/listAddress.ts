/**
 * Where the shared list is, as a person gives it: the local list server's Graph-shaped URL
 * (`http://127.0.0.1:4100/v1.0/sites/root/lists/PhuLuc`), a Microsoft Graph URL
 * (`https://graph.microsoft.com/v1.0/sites/{site}/lists/{list}`), or the address of a SharePoint
 * list as the browser shows it (`https://contoso.sharepoint.com/sites/KHDT/Lists/PhuLuc`, with or
 * without `/AllItems.aspx`). A SharePoint address becomes the Graph form that addresses a site by
 * host name and path: `https://graph.microsoft.com/v1.0/sites/contoso.sharepoint.com:/sites/KHDT:/lists/PhuLuc`.
 *
 * The list segment of a SharePoint address is the list's URL name; Graph takes a list's id or its
 * title there, which are the same for a list created under that name (as the sync creates it).
 */
import { parseListUrl, type ParsedListUrl } from "../sync";

export const GRAPH_ROOT = "https://graph.microsoft.com/v1.0";

export interface ListAddress extends ParsedListUrl {
  /** The Graph URL of the list (what the sync uses). */
  graphUrl: string;
  /** The address was a SharePoint page address. */
  fromSharePoint: boolean;
}

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** A SharePoint list page address as a Graph list URL, or null when it is not one. */
export function sharePointToGraphUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "https:" || !/\.sharepoint(-df)?\.(com|us|de|cn)$/i.test(url.hostname)) return null;
  const segments = url.pathname.split("/").filter(Boolean);
  const at = segments.findIndex((s) => s.toLowerCase() === "lists");
  if (at < 0 || at + 1 >= segments.length) return null;
  const list = decode(segments[at + 1]);
  if (!list || list.trim() === "") return null;
  const sitePath = segments.slice(0, at).join("/");
  const site = sitePath ? `${url.hostname}:/${sitePath}:` : url.hostname;
  return `${GRAPH_ROOT}/sites/${site}/lists/${encodeURIComponent(list)}`;
}

/** The list a person named, or null when the text is neither a Graph-shaped nor a SharePoint list address. */
export function parseListAddress(text: string): ListAddress | null {
  const trimmed = text.trim();
  const fromSharePoint = sharePointToGraphUrl(trimmed);
  const graphUrl = fromSharePoint ?? trimmed;
  const parsed = parseListUrl(graphUrl);
  if (!parsed) return null;
  return { ...parsed, graphUrl, fromSharePoint: fromSharePoint !== null };
}
