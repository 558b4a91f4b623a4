/** Message bars the pane shows: errors (always dismissable), information, warnings and confirmations. */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, type MessageBarIntent } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { useStrings } from "../i18n";

/** A small "×" drawn inline, so the bundle needs no icon package. */
export function DismissIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
      <path d="M2 2l8 8M10 2l-8 8" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}

export interface NoticeProps {
  intent: MessageBarIntent;
  title?: string;
  children: ReactNode;
  onDismiss?: () => void;
  "data-testid"?: string;
}

export function Notice({ intent, title, children, onDismiss, "data-testid": testId }: NoticeProps) {
  const s = useStrings();
  return (
    <MessageBar intent={intent} layout="multiline" politeness={intent === "error" ? "assertive" : "polite"} data-testid={testId}>
      <MessageBarBody>
        {title ? <MessageBarTitle>{title}</MessageBarTitle> : null}
        {children}
      </MessageBarBody>
      {onDismiss ? (
        <MessageBarActions
          containerAction={
            <Button
              appearance="transparent"
              size="small"
              aria-label={s.dismiss}
              title={s.dismiss}
              icon={<DismissIcon />}
              onClick={onDismiss}
              data-testid={testId ? `${testId}-dismiss` : undefined}
            />
          }
        />
      ) : null}
    </MessageBar>
  );
}
