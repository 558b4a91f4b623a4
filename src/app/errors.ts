/**
 * What stops a workflow, as a code with parameters; the words (Vietnamese first, then English)
 * come from one catalogue, so the command line and the pane say the same thing.
 */
export type WorkflowErrorCode = "noAnnex" | "noAnnexOnSheet" | "listGone" | "listNotFound" | "stopped";

type Params = Record<string, string | number>;

const CATALOGUE: Record<WorkflowErrorCode, (p: Params) => { vi: string; en: string }> = {
  noAnnex: () => ({ vi: "Không thấy bảng phụ lục nào trong tệp", en: "no annex table found in the workbook" }),
  noAnnexOnSheet: (p) => ({ vi: `Không thấy bảng phụ lục trong trang "${p.sheet}"`, en: `no annex table on sheet "${p.sheet}"` }),
  listGone: (p) => ({
    vi: `Danh sách dùng chung "${p.list}" không còn trên máy chủ (đã bị xóa). Có thể tạo lại nó và gửi lại số liệu của sổ tính.`,
    en: `The shared list "${p.list}" no longer exists (it was deleted). It can be created again with the workbook's figures.`,
  }),
  listNotFound: (p) => ({
    vi: `Không tìm thấy danh sách «${p.list}» trên trang ${p.site}. Mở danh sách trong trình duyệt và dán lại địa chỉ của nó.`,
    en: `No list “${p.list}” on site ${p.site}. Open the list in the browser and paste its address again.`,
  }),
  stopped: () => ({
    vi: "Đã dừng đồng bộ giữa chừng; phần đã gửi được giữ lại. Chạy lại đúng lệnh này để tiếp tục.",
    en: "The sync was stopped part-way; what was sent is kept. Run the same command again to continue.",
  }),
};

export function workflowMessage(code: WorkflowErrorCode, params: Params = {}): { vi: string; en: string } {
  return CATALOGUE[code](params);
}

export class WorkflowError extends Error {
  readonly vi: string;
  readonly en: string;

  constructor(
    readonly code: WorkflowErrorCode,
    readonly params: Params,
  ) {
    const m = workflowMessage(code, params);
    super(`${m.vi} / ${m.en}`);
    this.vi = m.vi;
    this.en = m.en;
    this.name = "WorkflowError";
  }
}
