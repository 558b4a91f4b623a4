/**
 * The planner's view of the departments: each one with its confirmed rows out of its rows, the
 * time and who confirmed, like the provincial report's "DANH SÁCH CÁC ĐƠN VỊ GỬI BÁO CÁO … Đã gửi".
 * Three columns fit a 320–400 px pane: who confirmed and when go under the department's name.
 */
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { formatTime } from "../format";
import { useLanguage, useStrings } from "../i18n";
import type { DepartmentConfirmation } from "../syncService";
import { usePaneStyles } from "./paneStyles";

const useStyles = makeStyles({
  scroll: { overflowX: "auto" },
  ordinal: { width: "32px" },
  confirmedColumn: { width: "96px" },
  confirmationLead: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    rowGap: tokens.spacingVerticalXXS,
    overflowWrap: "anywhere",
  },
});

const statusOf = (c: DepartmentConfirmation) => (c.confirmed === c.rows && c.rows > 0 ? "sent" : c.confirmed > 0 ? "partial" : "none");

export interface ConfirmationsProps {
  /** Null until read. */
  confirmations: DepartmentConfirmation[] | null;
  onRefresh: () => void;
  disabled: boolean;
}

export function Confirmations({ confirmations, onRefresh: loadConfirmations, disabled }: ConfirmationsProps) {
  const s = useStrings();
  const language = useLanguage();
  const styles = useStyles();
  const pane = usePaneStyles();
  return (
    <section aria-labelledby="confirmations-heading" data-testid="confirmations">
      <div className={pane.actions}>
        <Subtitle2 as="h2" id="confirmations-heading">
          {s.confirmationsHeading}
        </Subtitle2>
        <Button size="small" onClick={loadConfirmations} disabled={disabled} data-testid="confirmations-refresh">
          {s.confirmationsRefresh}
        </Button>
      </div>
      <Caption1 as="p" className={pane.muted}>
        {s.confirmationsHint}
      </Caption1>
      {confirmations && confirmations.length === 0 ? <Body1 as="p">{s.confirmationsEmpty}</Body1> : null}
      {confirmations && confirmations.length > 0 ? (
        <div className={styles.scroll}>
          <Table size="small" aria-labelledby="confirmations-heading" data-testid="confirmations-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell className={styles.ordinal}>{s.confColOrdinal}</TableHeaderCell>
                <TableHeaderCell>{s.confColLead}</TableHeaderCell>
                <TableHeaderCell className={styles.confirmedColumn}>{s.confColConfirmed}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {confirmations.map((c, i) => {
                const st = statusOf(c);
                // Three columns fit a 320–400 px pane: who confirmed and when go under the department's name.
                return (
                  <TableRow key={c.lead} data-testid={`confirmation-${i}`}>
                    <TableCell className={styles.ordinal}>{i + 1}</TableCell>
                    <TableCell>
                      <div className={styles.confirmationLead}>
                        <span>{c.lead || s.valueEmpty}</span>
                        {c.lastConfirmedAt || c.by ? (
                          <Caption1 className={pane.muted}>
                            <span data-testid={`confirmation-${i}-time`}>
                              {c.lastConfirmedAt ? formatTime(c.lastConfirmedAt, language) : ""}
                            </span>
                            {c.by ? ` · ${s.confColBy}: ${c.by}` : ""}
                          </Caption1>
                        ) : (
                          <span data-testid={`confirmation-${i}-time`} />
                        )}
                      </div>
                    </TableCell>
                    <TableCell className={styles.confirmedColumn}>
                      <div className={styles.confirmationLead}>
                        <span data-testid={`confirmation-${i}-ratio`}>{s.confRatio(c.confirmed, c.rows)}</span>
                        <Badge
                          size="small"
                          appearance={st === "sent" ? "filled" : "tint"}
                          color={st === "sent" ? "success" : st === "partial" ? "warning" : "subtle"}
                          data-testid={`confirmation-${i}-status`}
                        >
                          {st === "sent" ? s.confSent : st === "partial" ? s.confPartial : s.confNone}
                        </Badge>
                      </div>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </section>
  );
}
