/**
 * What stops a workflow, as a code with parameters; the words (Vietnamese first, then English)
 * come from the message catalogue, so the command line and the pane say the same thing.
 */
import { texts, type MessageParams } from "../messages";

export type WorkflowErrorCode = "noAnnex" | "noAnnexOnSheet" | "listGone" | "listNotFound" | "stopped";

type WorkflowParams<C extends WorkflowErrorCode> = MessageParams[`workflow.${C}`];

export function workflowMessage<C extends WorkflowErrorCode>(code: C, params: WorkflowParams<C>): { vi: string; en: string } {
  return texts<`workflow.${WorkflowErrorCode}`>(`workflow.${code}`, params);
}

export class WorkflowError<C extends WorkflowErrorCode = WorkflowErrorCode> extends Error {
  readonly vi: string;
  readonly en: string;

  constructor(
    readonly code: C,
    readonly params: WorkflowParams<C>,
  ) {
    const m = workflowMessage(code, params);
    super(`${m.vi} / ${m.en}`);
    this.vi = m.vi;
    this.en = m.en;
    this.name = "WorkflowError";
  }
}
