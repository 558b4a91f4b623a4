/**
 * "Cài đặt nâng cao" of the Đồng bộ section: which server holds the shared list (the office's list
 * server or SharePoint), the list's address, and how the pane gets in (the server's access code,
 * or a Microsoft 365 sign-in with the organisation's application ID) — each field with one
 * sentence that says what it is and where to find it.
 */
import { Caption1, Field, Input, Radio, RadioGroup, makeStyles, tokens } from "@fluentui/react-components";
import { useStrings } from "../i18n";
import type { ConnectionKind } from "../syncService";
import type { ConnectionForm } from "./syncModel";
import { usePaneStyles } from "./paneStyles";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    minWidth: 0,
    paddingLeft: tokens.spacingHorizontalM,
    borderLeft: `2px solid ${tokens.colorNeutralStroke2}`,
  },
});

export interface SyncSettingsProps {
  id: string;
  form: ConnectionForm;
  onForm: (patch: Partial<ConnectionForm>) => void;
  disabled: boolean;
}

export function SyncSettings({ id, form, onForm, disabled }: SyncSettingsProps) {
  const s = useStrings();
  const styles = useStyles();
  const pane = usePaneStyles();
  return (
    <div className={styles.root} id={id} data-testid="sync-settings">
      <Field label={s.syncServerLabel}>
        <RadioGroup
          value={form.kind}
          onChange={(_, data) => onForm({ kind: data.value as ConnectionKind })}
          disabled={disabled}
          data-testid="sync-kind"
        >
          <Radio value="local" label={s.syncKindLocal} data-testid="sync-kind-local" />
          <Radio value="sharepoint" label={s.syncKindSharePoint} data-testid="sync-kind-sharepoint" />
        </RadioGroup>
      </Field>

      {form.kind === "local" ? (
        <>
          <Field label={s.syncListUrl} hint={s.syncListUrlHintLocal}>
            <Input
              value={form.localUrl}
              onChange={(_, data) => onForm({ localUrl: data.value })}
              disabled={disabled}
              data-testid="sync-list-url"
            />
          </Field>
          <Field label={s.syncToken} hint={s.syncTokenHint}>
            <Input
              type="password"
              value={form.token}
              onChange={(_, data) => onForm({ token: data.value })}
              disabled={disabled}
              data-testid="sync-token"
            />
          </Field>
        </>
      ) : (
        <>
          <Field label={s.syncListUrl} hint={s.syncListUrlHintSharePoint}>
            <Input
              value={form.sharePointUrl}
              onChange={(_, data) => onForm({ sharePointUrl: data.value })}
              disabled={disabled}
              data-testid="sync-list-url"
            />
          </Field>
          <Caption1 as="p" className={pane.muted} data-testid="sync-sign-in-hint">
            {s.syncSignInHint}
          </Caption1>
          <Field label={s.syncClientId} hint={s.syncClientIdHint}>
            <Input
              value={form.clientId}
              onChange={(_, data) => onForm({ clientId: data.value })}
              disabled={disabled}
              data-testid="sync-client-id"
            />
          </Field>
        </>
      )}
    </div>
  );
}
