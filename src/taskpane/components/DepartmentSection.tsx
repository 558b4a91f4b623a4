/**
 * "Đơn vị": the departments' side of the shared list.
 *
 *  - A liaison picks a lead unit (the units the recognised table names), sees only its rows as the
 *    list has them (name, unit, plan, estimate, note, confirmed), corrects the estimate, adds a note
 *    and confirms; for a task list each task shows its deadline, and the liaison reports its
 *    status and completion date instead of an estimate; each row is saved to the list item (If-Match). The planner's cells are never
 *    touched here: the planner's next sync pulls the changes.
 *  - The planner sees every department with its confirmed rows out of its rows, the time and who
 *    confirmed, like the provincial report's "DANH SÁCH CÁC ĐƠN VỊ GỬI BÁO CÁO … Đã gửi".
 */
import { Body1, Caption1, Dropdown, Field, Input, Option, Subtitle2, makeStyles } from "@fluentui/react-components";
import { useCallback, useEffect, useRef, useState } from "react";
import { useLanguage, useStrings } from "../i18n";
import type { DepartmentConfirmation, DepartmentRow, DepartmentRows, LiaisonEdit, SyncService } from "../syncService";
import { useCardListStyles, usePaneStyles } from "./paneStyles";
import { Confirmations } from "./Confirmations";
import { draftOf, parseEstimate, taskEdit, type Draft } from "./departmentDraft";
import { DepartmentRowCard } from "./DepartmentRowCard";
import { Notice } from "./Notices";
import { usePaneActions } from "./paneActions";

export { parseEstimate } from "./departmentDraft";

const useStyles = makeStyles({
  chooser: { minWidth: "0", maxWidth: "100%" },
});

export interface DepartmentSectionProps {
  service: SyncService;
  /** Lead units named in the recognised table, in table order. */
  leads: string[];
  connected: boolean;
}

export function DepartmentSection({ service, leads, connected }: DepartmentSectionProps) {
  const s = useStrings();
  const language = useLanguage();
  const styles = useStyles();
  const pane = usePaneStyles();
  const cards = useCardListStyles();
  const { busy, run } = usePaneActions();
  const isBusy = busy !== null;
  const [lead, setLead] = useState<string | null>(null);
  const [data, setData] = useState<DepartmentRows | null>(null);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [invalid, setInvalid] = useState<Record<string, boolean>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [unchanged, setUnchanged] = useState<string | null>(null);
  const [liaison, setLiaison] = useState("");
  const [confirmations, setConfirmations] = useState<DepartmentConfirmation[] | null>(null);

  const show = (result: DepartmentRows) => {
    setData(result);
    setDrafts(Object.fromEntries(result.rows.map((r) => [r.rowKey, draftOf(r, language)])));
    setInvalid({});
  };

  const loadRows = (next: string) =>
    void run("department", async () => {
      setSaved(null);
      show(await service.departmentRows(next));
    });

  const loadConfirmations = useCallback(
    () =>
      void run("confirmations", async () => {
        setConfirmations(await service.confirmations());
      }),
    [run, service],
  );

  // The planner's table is read once the section is open with a connection (and nothing else runs).
  const requested = useRef(false);
  useEffect(() => {
    if (!connected || requested.current || isBusy) return;
    requested.current = true;
    loadConfirmations();
  }, [connected, isBusy, loadConfirmations]);

  const choose = (next: string) => {
    setLead(next);
    setData(null);
    if (connected) loadRows(next);
  };

  const save = (row: DepartmentRow) => {
    const draft = drafts[row.rowKey];
    if (!draft) return;
    const estimate = row.task ? row.estimate : parseEstimate(draft.estimate, language);
    const task = row.task ? taskEdit(row, draft) : {};
    if (estimate === undefined || task === undefined) {
      setInvalid((v) => ({ ...v, [row.rowKey]: true }));
      return;
    }
    setInvalid((v) => ({ ...v, [row.rowKey]: false }));
    const edit: LiaisonEdit = { ...task };
    if (estimate !== row.estimate) edit.estimate = estimate;
    if ((draft.note.trim() || null) !== (row.note ?? null)) edit.note = draft.note.trim() || null;
    if (draft.confirmed !== row.confirmed) edit.confirmed = draft.confirmed;
    if (Object.keys(edit).length === 0) {
      setUnchanged(row.rowKey);
      return;
    }
    setUnchanged(null);
    if (edit.confirmed && liaison.trim()) edit.by = liaison.trim();
    void run("liaisonSave", async () => {
      setSaved(null);
      let updated: DepartmentRow;
      try {
        updated = await service.saveLiaisonEdit(row.rowKey, edit);
      } catch (error) {
        // Someone else may have changed the list: show the rows as they are now, then the message.
        if (lead) {
          try {
            show(await service.departmentRows(lead));
          } catch {
            // The first failure is the one to show.
          }
        }
        throw error;
      }
      setData((d) => (d ? { ...d, rows: d.rows.map((r) => (r.rowKey === row.rowKey ? updated : r)) } : d));
      setDrafts((d) => ({ ...d, [row.rowKey]: draftOf(updated, language) }));
      setSaved(row.rowKey);
      setConfirmations(null);
    });
  };

  const setDraft = (key: string, patch: Partial<Draft>) => {
    setSaved(null);
    setUnchanged(null);
    setDrafts((d) => ({ ...d, [key]: { ...d[key], ...patch } }));
  };

  const confirmedCount = data?.rows.filter((r) => r.confirmed).length ?? 0;

  return (
    <div className={pane.section}>
      <Subtitle2 as="h2">{s.departmentHeading}</Subtitle2>
      <Caption1 as="p" className={pane.muted}>
        {s.departmentIntro}
      </Caption1>
      {!connected ? (
        <Notice intent="info" data-testid="department-not-connected">
          {s.departmentNotConnected}
        </Notice>
      ) : null}

      <Field label={s.departmentChoose}>
        <Dropdown
          className={styles.chooser}
          placeholder={s.departmentPlaceholder}
          value={lead ?? ""}
          selectedOptions={lead ? [lead] : []}
          onOptionSelect={(_, d) => d.optionValue !== undefined && choose(d.optionValue)}
          disabled={isBusy || !connected}
          data-testid="department-select"
        >
          {leads.map((l) => (
            <Option key={l} value={l} text={l}>
              {l}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label={s.liaisonName} hint={s.liaisonNameHint}>
        <Input value={liaison} onChange={(_, d) => setLiaison(d.value)} disabled={isBusy} data-testid="liaison-name" />
      </Field>

      {data ? (
        data.rows.length === 0 ? (
          <Body1 as="p" data-testid="department-empty">
            {s.departmentNoRows}
          </Body1>
        ) : (
          <>
            <Caption1 as="p" data-testid="department-count">
              {s.departmentRowsCount(data.rows.length, confirmedCount)}
            </Caption1>
            <ul className={cards.list} aria-label={data.lead} data-testid="department-rows">
              {data.rows.map((row) => (
                <DepartmentRowCard
                  key={row.rowKey}
                  row={row}
                  draft={drafts[row.rowKey] ?? draftOf(row, language)}
                  planLabel={data.planLabel}
                  estimateLabel={data.estimateLabel}
                  completedOnInStatus={data.tasks?.completedOnInStatus === true}
                  invalid={invalid[row.rowKey] === true}
                  saved={saved === row.rowKey}
                  unchanged={unchanged === row.rowKey}
                  disabled={isBusy}
                  onDraft={(patch) => setDraft(row.rowKey, patch)}
                  onSave={() => save(row)}
                  onDismissSaved={() => setSaved(null)}
                />
              ))}
            </ul>
          </>
        )
      ) : null}

      <Confirmations confirmations={confirmations} onRefresh={loadConfirmations} disabled={isBusy || !connected} />
    </div>
  );
}
