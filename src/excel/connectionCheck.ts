/**
 * What "Connect" proves before anything is saved: one real request with the token — the site's
 * lists, where the list is looked for by id, address, name or title — and, when the list is
 * there, its items counted (ids only, page by page). A list that does not exist yet is fine: the
 * first sync creates it. A refused token, an unknown site or a server that does not answer
 * fails with the Graph client's message.
 */
import { texts } from "../messages";
import type { GraphClient, ListReference } from "../sync";
import { GraphError } from "../sync";
import { resolveList } from "../sync/resolveList";
import type { ConnectionCheck } from "../taskpane/syncService";

export async function checkConnection(client: GraphClient, address: ListReference): Promise<ConnectionCheck> {
  let listId: string;
  try {
    listId = (await resolveList(client, address)).id;
  } catch (error) {
    // resolveList read the site's lists and the list is not among them (any other 404 is the site's).
    if (error instanceof GraphError && error.status === 404 && /\(\d+ lists looked at\)/.test(error.message)) {
      return {
        listExists: false,
        items: null,
        message: texts("graph.connectedNoList", { list: address.list }),
      };
    }
    throw error;
  }
  const { items } = await client.getAllPages(`/sites/${address.site}/lists/${listId}/items?$select=id&$top=5000`);
  return {
    listExists: true,
    items: items.length,
    message: texts("graph.connected", { list: address.list, items: items.length }),
  };
}
