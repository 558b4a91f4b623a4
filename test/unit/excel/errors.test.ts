import { isRetryable, NoAnnexError, noAnnexMessage, toUserMessage } from "../../../src/excel/errors";
import { readSheetSnapshot } from "../../../src/excel/readSnapshot";
import { selectCell } from "../../../src/excel/navigate";
import { applyFillPlan } from "../../../src/excel/writePlan";
import { UndoHistory } from "../../../src/excel/undo";
import { formulaWrite, plan, setup, sheetOf, caught } from "./helpers";

describe("error messages", () => {
  it("tells a person in cell edit mode to finish editing, Vietnamese first and English", async () => {
    const { fake, run } = setup({ sheets: [{ name: "S", cells: { A1: 1 } }] });
    fake.failNextSync("InvalidOperationInCellEditMode", "The operation is not allowed in cell edit mode.");
    const error = await caught(run((context) => readSheetSnapshot(context, sheetOf(context, "S"))));
    const message = toUserMessage(error);
    expect(message.code).toBe("InvalidOperationInCellEditMode");
    expect(message.vi).toMatch(/chế độ sửa ô/);
    expect(message.vi).toMatch(/Enter hoặc Esc/);
    expect(message.en).toMatch(/Enter or Esc/);
    expect(isRetryable(error)).toBe(true);
  });

  it("explains a protected sheet when Excel denies the write", async () => {
    const { run } = setup({ sheets: [{ name: "S", cells: { A1: 1, B1: 2 }, protected: true }] });
    const snapshot = await run((context) => readSheetSnapshot(context, sheetOf(context, "S")));
    const error = await caught(
      run((context) =>
        applyFillPlan(context, sheetOf(context, "S"), plan("S", [formulaWrite("C1", "=A1+B1")]), snapshot, { history: new UndoHistory() }),
      ),
    );
    const message = toUserMessage(error);
    expect(message.code).toBe("AccessDenied");
    expect(message.vi).toMatch(/bảo vệ/);
    expect(message.en).toMatch(/protected/);
  });

  it("explains a missing sheet and an oversized payload", async () => {
    const { run } = setup({ sheets: [{ name: "S" }] });
    const missing = toUserMessage(await caught(run((context) => selectCell(context, "Đã xoá", "A1"))));
    expect(missing.code).toBe("ItemNotFound");
    expect(missing.vi).toMatch(/đổi tên hoặc xoá/);
    for (const code of ["RequestPayloadSizeLimitExceeded", "ResponsePayloadSizeLimitExceeded"]) {
      const m = toUserMessage({ code, message: "too big" });
      expect(m.vi).toMatch(/quá lớn/);
      expect(m.en).toMatch(/too large/);
    }
  });

  it("refuses a used range far larger than an annex, with a message on what to do", async () => {
    const { fake, run } = setup({ sheets: [{ name: "S", cells: { A1: "TT", XFD100000: "x" } }] });
    const error = await caught(run((context) => readSheetSnapshot(context, sheetOf(context, "S"))));
    expect(toUserMessage(error)).toMatchObject({ code: "SheetTooLarge" });
    expect(toUserMessage(error).vi).toMatch(/xa bảng/);
    expect(fake.syncCount).toBe(1);
  });

  it("has a message for a sheet without an annex", () => {
    expect(toUserMessage(new NoAnnexError("Trang 1"))).toEqual(noAnnexMessage());
    expect(noAnnexMessage().vi).toMatch(/Không tìm thấy bảng phụ lục/);
  });

  it("gives a short generic message, never a stack trace, for anything else", () => {
    const error = new Error("boom");
    const message = toUserMessage(error);
    expect(message.code).toBe("Unknown");
    expect(message.vi + message.en).not.toMatch(/boom|at |Error/);
    expect(toUserMessage({ code: "GeneralException" }).code).toBe("GeneralException");
    expect(toUserMessage({ code: "GeneralException" }).vi).toMatch(/thử lại/);
  });
});
