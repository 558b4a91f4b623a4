/**
 * Which list a pasted address means, as its id. A person pastes what the browser shows
 * (`https://contoso.sharepoint.com/sites/KHDT/Lists/PhuLuc/AllItems.aspx`, the view part optional,
 * Vietnamese percent-encoded) or a Graph URL naming the list (`…/v1.0/sites/{site}/lists/{list}`).
 * The `/Lists/` segment is the list's URL name, which Graph does not accept in place of an id or
 * title (`/lists/PhuLuc` is 404 for a list titled "Phụ lục"); so the site's lists are read once
 * (`$select=id,name,displayName,webUrl`) and the list is matched by id, address, URL name or title.
 */
import { GraphClient, GraphError } from "./graphClient";
import { parseListUrl } from "./listUrl";

export const GRAPH_ROOT = "https://graph.microsoft.com/v1.0";

const SHAREPOINT_ONLINE = /\.sharepoint(-df)?\.(com|us|de|cn)$/i;

export interface ListReference {
  /** Graph root to call: Microsoft Graph for SharePoint Online, else the server's own `/v1.0`. */
  baseUrl: string;
  /** The site as Graph addresses it: "root", a site id, or "contoso.sharepoint.com:/sites/KHDT:". */
  site: string;
  /** The list as the address names it (decoded): a URL name, a title or an id. */
  list: string;
  /** For a page address: the list's own address, decoded, e.g. "https://contoso.sharepoint.com/sites/KHDT/Lists/PhuLuc". */
  listWebUrl: string | null;
}

export interface ResolvedList {
  site: string;
  id: string;
  name: string;
  displayName: string;
  webUrl: string;
}

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** Compare addresses and names as a person sees them: decoded, composed, case-insensitive, no trailing slash. */
function comparable(text: string): string {
  return (decode(text) ?? text).normalize("NFC").replace(/\/+$/, "").toLowerCase();
}

/** A list page address (`…/Lists/{name}[/view.aspx]`), or null. */
function pageAddress(text: string): ListReference | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  const segments = url.pathname.split("/").filter(Boolean);
  const at = segments.findIndex((s) => s.toLowerCase() === "lists");
  if (at < 0 || at + 1 >= segments.length) return null;
  const list = decode(segments[at + 1]);
  if (!list || list.trim() === "") return null;
  const rest = segments.slice(at + 2);
  // Only a view page (AllItems.aspx, or Forms/…) may follow the list name.
  if (rest.length > 2 || (rest.length > 0 && !/\.aspx$/i.test(rest[rest.length - 1]))) return null;
  const sitePath = segments.slice(0, at).join("/");
  const site = sitePath ? `${url.hostname}:/${sitePath}:` : url.hostname;
  const baseUrl = SHAREPOINT_ONLINE.test(url.hostname) ? GRAPH_ROOT : `${url.origin}/v1.0`;
  const listWebUrl = `${url.origin}/${segments.slice(0, at + 2).join("/")}`;
  return { baseUrl, site, list, listWebUrl: decode(listWebUrl) ?? listWebUrl };
}

/** The list a pasted address names, or null when it is neither a list page address nor a Graph list URL. */
export function parseListReference(text: string): ListReference | null {
  const trimmed = text.trim();
  const graph = parseListUrl(trimmed);
  if (graph) return { ...graph, listWebUrl: null };
  return pageAddress(trimmed);
}

/**
 * The id (and names) of the list `ref` names, read from the site's lists. Throws GraphError 404
 * (`itemNotFound`, message in Vietnamese and English) when no list matches.
 */
export async function resolveList(client: GraphClient, ref: Pick<ListReference, "site" | "list" | "listWebUrl">): Promise<ResolvedList> {
  const { items } = await client.getAllPages<Record<string, unknown>>(`/sites/${ref.site}/lists?$select=id,name,displayName,webUrl`);
  const lists = items.map((l) => ({
    id: String(l.id ?? ""),
    name: String(l.name ?? ""),
    displayName: String(l.displayName ?? ""),
    webUrl: String(l.webUrl ?? ""),
  }));
  const wanted = comparable(ref.list);
  const address = ref.listWebUrl ? comparable(ref.listWebUrl) : null;
  const found =
    lists.find((l) => l.id.toLowerCase() === wanted) ??
    (address ? lists.find((l) => comparable(l.webUrl) === address) : undefined) ??
    lists.find((l) => comparable(l.name) === wanted) ??
    lists.find((l) => comparable(l.displayName) === wanted);
  if (!found) {
    throw new GraphError(
      404,
      "itemNotFound",
      `Không tìm thấy danh sách «${ref.list}» trong trang ${ref.site} (${lists.length} danh sách đã xem) / ` +
        `No list “${ref.list}” on site ${ref.site} (${lists.length} lists looked at)`,
    );
  }
  return { site: ref.site, ...found };
}
