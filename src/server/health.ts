/**
 * `GET /health`: is the server up, which version, how much it holds. No token needed, so a
 * monitor or a person with a browser can check the office server; it tells counts, never content.
 */
import type { ServerResponse } from "node:http";
import { version } from "../../package.json";
import type { ListStore } from "./listStore";

export interface Health {
  ok: boolean;
  version: string;
  lists: number;
  items: number;
}

export function health(store: ListStore): Health {
  const { lists, items } = store.totals();
  return { ok: true, version, lists, items };
}

export function sendHealth(res: ServerResponse, store: ListStore): void {
  let status = 200;
  let body: Health;
  try {
    body = health(store);
  } catch {
    status = 503;
    body = { ok: false, version, lists: 0, items: 0 };
  }
  const payload = Buffer.from(JSON.stringify(body), "utf8");
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": payload.length,
    "Cache-Control": "no-store",
  });
  res.end(payload);
}
