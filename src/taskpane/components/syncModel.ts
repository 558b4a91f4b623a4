/**
 * What the "Đồng bộ" and "Đơn vị" sections know about the shared list, kept by the pane (so a sync
 * report survives switching tabs): the workbook's saved connection, the connection form, the last
 * report, the key column waiting for the person's agreement.
 */
import { useEffect, useRef, useState } from "react";
import {
  DEFAULT_LOCAL_LIST_URL,
  DEFAULT_LOCAL_TOKEN,
  PLACEHOLDER_CLIENT_ID,
  type ConnectionKind,
  type KeyColumnPreview,
  type PaneSyncReport,
  type SyncConnection,
  type SyncService,
  type SyncStatus,
} from "../syncService";
import { usePaneActions } from "./paneActions";

/** What the person typed for each kind of server (kept apart so switching does not lose it). */
export interface ConnectionForm {
  kind: ConnectionKind;
  localUrl: string;
  token: string;
  sharePointUrl: string;
  /** Empty until the person types it (never the all-zero placeholder). */
  clientId: string;
}

export interface SyncModel {
  status: SyncStatus | null;
  form: ConnectionForm;
  /** The connection `connect` was last called with, to call it again only when the form changed. */
  connectedWith: string | null;
  report: PaneSyncReport | null;
  keyPreview: KeyColumnPreview | null;
  /** The list the workbook synced with was deleted: offer to create it again. */
  listGone: boolean;
}

export const INITIAL_SYNC_MODEL: SyncModel = {
  status: null,
  form: { kind: "local", localUrl: DEFAULT_LOCAL_LIST_URL, token: DEFAULT_LOCAL_TOKEN, sharePointUrl: "", clientId: "" },
  connectedWith: null,
  report: null,
  keyPreview: null,
  listGone: false,
};

/** A client id worth showing: not the placeholder that means "not set". */
function shownClientId(clientId: string | null | undefined): string | null {
  const id = clientId?.trim();
  return id && id !== PLACEHOLDER_CLIENT_ID ? id : null;
}

/** The form once the workbook's saved connection is known. */
export function formFromStatus(form: ConnectionForm, status: SyncStatus): ConnectionForm {
  const saved = status.saved;
  if (!saved) return form;
  return saved.kind === "local"
    ? { ...form, kind: "local", localUrl: saved.listUrl }
    : { ...form, kind: "sharepoint", sharePointUrl: saved.listUrl, clientId: shownClientId(saved.clientId) ?? form.clientId };
}

export function connectionOf(form: ConnectionForm): SyncConnection {
  return form.kind === "local"
    ? { kind: "local", listUrl: form.localUrl.trim(), token: form.token }
    : { kind: "sharepoint", listUrl: form.sharePointUrl.trim(), clientId: form.clientId.trim() };
}

/** The list's name as a person knows it: the last part of its address ("PhuLuc"), or null without one. */
export function listNameOf(url: string): string | null {
  const last = url
    .trim()
    .replace(/[?#].*$/, "")
    .replace(/\/+$/, "")
    .split("/")
    .pop();
  if (!last || /^https?:$/i.test(last)) return null;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** What the workbook remembers about its list, read when a sync tab first opens (once: connecting reads it again). */
export function useSyncModel(syncService: SyncService | undefined, syncOpen: boolean) {
  const { busy, run, isMounted } = usePaneActions();
  const [syncModel, setSyncModel] = useState<SyncModel>(INITIAL_SYNC_MODEL);
  const statusRequested = useRef(false);
  useEffect(() => {
    if (!syncService || !syncOpen || syncModel.status || statusRequested.current || busy) return;
    statusRequested.current = true;
    void run("syncStatus", async () => {
      const status = await syncService.status();
      if (isMounted()) setSyncModel((m) => ({ ...m, status, form: formFromStatus(m.form, status) }));
    });
  }, [syncService, syncOpen, syncModel.status, busy, run, isMounted]);
  return [syncModel, setSyncModel] as const;
}
