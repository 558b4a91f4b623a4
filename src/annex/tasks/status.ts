/**
 * What a status cell says, in the planners' words with or without diacritics: how far the work is
 * ("Đã hoàn thành", "Đang triển khai", "Chưa thực hiện", "Dừng thực hiện") and any judgment of its
 * timing ("Trễ hạn", "Quá hạn", "Hoàn thành trễ hạn", "Đúng hạn", "Trước hạn").
 */
import type { TaskProgress } from "../model";
import { cellText, fold, hasAnyPhrase } from "../text";

export type Timing = "late" | "on-time" | null;

export interface StatusReading {
  progress: TaskProgress;
  timing: Timing;
}

const STOPPED = ["dung thuc hien", "dung trien khai", "tam dung", "ngung thuc hien", "ngung trien khai", "khong thuc hien", "huy bo"];
const NOT_STARTED = ["chua thuc hien", "chua trien khai", "chua bat dau", "chua khoi dong"];
/** Checked before the done words: "Chưa hoàn thành" is no completion. */
const UNFINISHED = ["chua hoan thanh", "khong hoan thanh", "chua xong", "dang thuc hien", "dang trien khai", "dang", "tiep tuc"];
const DONE = ["hoan thanh", "da ban hanh", "da phe duyet", "da thuc hien xong", "da xong", "xong", "da to chuc", "da ky"];
/** Timing words, diacritics kept where folding would mix them up ("chậm" late, "chăm" care; "trễ" late, "trẻ" young). */
const LATE = ["tre han", "qua han", "cham tien do", "cham so voi"];
const LATE_ACCENTED = /trễ|chậm|quá hạn/i;
const NOT_LATE = /\b(?:chua|khong)\s+(?:bi\s+)?(?:tre|qua|cham)\b/;
const ON_TIME = ["dung han", "truoc han", "som hon ke hoach", "dung thoi han"];
/** "Hoàn thành 80%" is work under way; "hoàn thành 100%" is done. */
const PARTLY_DONE = /hoan thanh\s*(?:duoc\s*)?(\d{1,2}(?:[.,]\d+)?)\s*%/;

export function readStatus(text: string): StatusReading {
  const raw = cellText(text).normalize("NFC");
  const folded = fold(raw);
  if (!folded) return { progress: "unknown", timing: null };
  const late = !NOT_LATE.test(folded) && (hasAnyPhrase(folded, LATE) || LATE_ACCENTED.test(raw));
  const onTime = hasAnyPhrase(folded, ON_TIME);
  const timing: Timing = late ? "late" : onTime ? "on-time" : null;
  return { progress: progressOf(folded, timing), timing };
}

function progressOf(folded: string, timing: Timing): TaskProgress {
  if (hasAnyPhrase(folded, STOPPED)) return "stopped";
  if (hasAnyPhrase(folded, NOT_STARTED)) return "not-started";
  if (hasAnyPhrase(folded, UNFINISHED) || PARTLY_DONE.test(folded)) return "doing";
  if (hasAnyPhrase(folded, DONE)) return "done";
  // "Đúng hạn" alone judges finished work; "Trễ hạn" alone says it is late, not how far it got.
  if (timing === "on-time") return "done";
  return "unknown";
}
