/**
 * A pasted list address resolved to the list's id: a SharePoint page address names the list by its
 * URL name, which Graph (and the local server) refuse in place of an id or title.
 */
import { GraphClient, GraphError } from "../../src/sync/graphClient";
import { GRAPH_ROOT, parseListReference, resolveList } from "../../src/sync/resolveList";
import { startTestListServer, type TestListServer } from "../helpers/listServer";

type Json = Record<string, any>;

describe("parseListReference", () => {
  it("reads a SharePoint list page address with or without its view, and percent-encoded Vietnamese", () => {
    const expected = {
      baseUrl: GRAPH_ROOT,
      site: "contoso.sharepoint.com:/sites/KHDT:",
      list: "PhuLuc",
      listWebUrl: "https://contoso.sharepoint.com/sites/KHDT/Lists/PhuLuc",
    };
    for (const address of [
      "https://contoso.sharepoint.com/sites/KHDT/Lists/PhuLuc/AllItems.aspx",
      "https://contoso.sharepoint.com/sites/KHDT/Lists/PhuLuc",
      " https://contoso.sharepoint.com/sites/KHDT/Lists/PhuLuc/ ",
      "https://contoso.sharepoint.com/sites/KHDT/Lists/PhuLuc/AllItems.aspx?viewid=1b2c&FilterField1=Lead",
    ]) {
      expect([address, parseListReference(address)]).toEqual([address, expected]);
    }
    expect(parseListReference("https://contoso.sharepoint.com/sites/KHDT/Lists/Ph%E1%BB%A5%20l%E1%BB%A5c/AllItems.aspx")).toEqual({
      ...expected,
      list: "Phụ lục",
      listWebUrl: "https://contoso.sharepoint.com/sites/KHDT/Lists/Phụ lục",
    });
    expect(parseListReference("https://contoso.sharepoint.com/Lists/PhuLuc/AllItems.aspx")?.site).toBe("contoso.sharepoint.com");
    expect(parseListReference("https://contoso.sharepoint.com/sites/KHDT/SoYTe/Lists/PhuLuc")?.site).toBe(
      "contoso.sharepoint.com:/sites/KHDT/SoYTe:",
    );
  });

  it("reads a Graph URL naming the list, and refuses what names no list", () => {
    expect(
      parseListReference("https://graph.microsoft.com/v1.0/sites/contoso.sharepoint.com:/sites/KHDT:/lists/Ph%E1%BB%A5%20l%E1%BB%A5c"),
    ).toEqual({
      baseUrl: GRAPH_ROOT,
      site: "contoso.sharepoint.com:/sites/KHDT:",
      list: "Phụ lục",
      listWebUrl: null,
    });
    for (const text of [
      "https://contoso.sharepoint.com/sites/KHDT",
      "https://contoso.sharepoint.com/sites/KHDT/Shared%20Documents/Forms/AllItems.aspx",
      "https://contoso.sharepoint.com/sites/KHDT/Lists/",
      "https://contoso.sharepoint.com/sites/KHDT/Lists/PhuLuc/Items/Other/Thing",
      "PhuLuc",
    ]) {
      expect([text, parseListReference(text)]).toEqual([text, null]);
    }
  });
});

describe("resolveList against the local list server", () => {
  let s: TestListServer;
  let client: GraphClient;
  let planId: string;
  let otherId: string;

  beforeAll(async () => {
    s = await startTestListServer();
    client = new GraphClient({ baseUrl: s.graphUrl, getToken: async () => s.token });
    const create = async (displayName: string) =>
      (
        (await (
          await s.graph("/sites/root/lists", { method: "POST", body: { displayName, columns: [{ name: "K", text: {} }] } })
        ).json()) as Json
      ).id;
    otherId = await create("PhuLuc");
    planId = await create("Phụ lục Kế hoạch");
  });

  afterAll(async () => {
    await s.close();
  });

  it("finds a list by the URL name in its /Lists/ address, which the server refuses as a list reference", async () => {
    expect((await s.graph("/sites/root/lists/PhulucKehoach")).status).toBe(404);
    const ref = parseListReference("https://contoso.sharepoint.com/sites/KHDT/Lists/PhulucKehoach/AllItems.aspx")!;
    const found = await resolveList(client, ref);
    expect(found).toMatchObject({
      site: "contoso.sharepoint.com:/sites/KHDT:",
      id: planId,
      name: "PhulucKehoach",
      displayName: "Phụ lục Kế hoạch",
    });
    const items = await s.graph(`/sites/${found.site}/lists/${found.id}/items`);
    expect(items.status).toBe(200);
  });

  it("finds a list by its title, percent-encoded, and by the server's own webUrl", async () => {
    const byTitle = parseListReference(`${s.graphUrl}/sites/root/lists/Ph%E1%BB%A5%20l%E1%BB%A5c%20K%E1%BA%BF%20ho%E1%BA%A1ch`)!;
    expect(byTitle.baseUrl).toBe(s.graphUrl);
    expect((await resolveList(client, byTitle)).id).toBe(planId);

    const list = (await (await s.graph(`/sites/root/lists/${otherId}`)).json()) as Json;
    const byWebUrl = parseListReference(list.webUrl)!;
    expect(byWebUrl.baseUrl).toBe(s.graphUrl);
    expect((await resolveList(client, byWebUrl)).id).toBe(otherId);
  });

  it("answers 404 with a Vietnamese and English message when no list matches", async () => {
    const error = await resolveList(client, parseListReference("https://contoso.sharepoint.com/sites/KHDT/Lists/KhongCo")!).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).status).toBe(404);
    expect((error as GraphError).message).toMatch(
      /^Không tìm thấy danh sách «KhongCo» .* \/ No list “KhongCo” on site contoso\.sharepoint\.com:\/sites\/KHDT: \(2 lists looked at\)$/,
    );
  });
});
