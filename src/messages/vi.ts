/** Every message in Vietnamese, the add-in's first language. */
import type { Catalogue, CellShown, FixLoss, FormulaColumnName, InputFormat, InputProblem, MessageParams, SyncValue } from "./catalogue";
import { countVi, formatDateVi, formatOneDecimal, formatVi } from "./format";

const columnName = (c: FormulaColumnName) => `cột ${c.number} (= ${c.spec})`;

/** "3", "4–7", or "không có". */
function rowSpan(rows: number[]): string {
  if (rows.length === 0) return "không có";
  return rows.length === 1 ? String(rows[0]) : `${rows[0]}–${rows[rows.length - 1]}`;
}

function names(list: string[], more: number): string {
  const named = list.join(", ");
  return more > 0 ? `${named} … và ${formatVi(more, false, 0)} chỉ tiêu khác` : named;
}

/** What a cell shows inside a sentence; a text in quotes. */
function shown(cell: CellShown, percent: boolean): string {
  if (cell.kind === "number") return formatVi(cell.value, percent);
  if (cell.kind === "error") return cell.value;
  if (cell.kind === "blank") return "trống";
  return `"${cell.text}"`;
}

function formulaReference(p: MessageParams["formula-reference"]): string {
  const name = columnName(p.column);
  const expected = p.expectedCells.join(", ");
  const { problem, today, percent } = p;
  let text: string;
  if (problem.kind === "typed") {
    const typed = problem.shown.kind === "text" ? problem.shown.text : shown(problem.shown, percent);
    text = `Ô là số gõ tay (${typed}) giữa các công thức của ${name}: số này không tự tính lại khi số liệu thay đổi.`;
    // A typed number's sentence already says it will not follow an edit: say only how it stands today.
    text +=
      today.kind === "differs" && today.exact !== null
        ? ` Theo số liệu của hàng phải là ${formatVi(today.exact, percent)}.`
        : " Hôm nay số vẫn khớp.";
  } else {
    if (problem.kind === "operation") {
      text = `Công thức ${problem.formula} của ${name} đọc đúng ô ${expected} nhưng không tính theo công thức của cột (đảo thứ tự hoặc sai phép tính).`;
    } else {
      const absolute = problem.absolute.length
        ? ` (${problem.absolute.join(", ")} là tham chiếu tuyệt đối nên không dời theo hàng khi chép công thức)`
        : "";
      text = `Công thức ${problem.formula} của ${name} đọc ${problem.reads.join(", ")} thay vì ${expected} của hàng ${p.row}${absolute}.`;
    }
    if (today.kind === "agrees") text += " Hôm nay giá trị vẫn khớp nhưng sẽ sai khi số liệu thay đổi.";
    if (today.kind === "differs") {
      const right = today.exact === null ? "để trống (chưa đủ số liệu)" : formatVi(today.exact, percent);
      text += ` Ô đang hiện ${shown(today.shows, percent)}, theo số liệu của hàng phải là ${right}.`;
    }
  }
  return `${text} Nên là ${p.expectedFormula}`;
}

/** "(02 đúng và trước hạn, 01 trễ hạn)", "(đều trong hạn)": the parts that are there. */
function parts(list: [number, string][], total: number): string {
  const present = list.filter(([n]) => n > 0);
  if (present.length === 1 && present[0][0] === total) return ` (đều ${present[0][1]})`;
  return present.length ? ` (${present.map(([n, words]) => `${countVi(n)} ${words}`).join(", ")})` : "";
}

function taskSummary(p: MessageParams["summary.tasks"]): string {
  if (p.total === 0) return "Danh mục chưa có nhiệm vụ nào.";
  const clauses: string[] = [];
  if (p.done) {
    const timing = parts(
      [
        [p.doneOnTime, "đúng và trước hạn"],
        [p.doneLate, "trễ hạn"],
        [p.doneUntimed, "chưa rõ đúng hạn hay trễ hạn"],
      ],
      p.done,
    );
    clauses.push(`đã hoàn thành ${countVi(p.done)} nhiệm vụ${timing}`);
  }
  const underWay = p.inProgress + p.overdue;
  if (underWay) {
    const timing = parts(
      [
        [p.inProgress, "trong hạn"],
        [p.overdue, "quá hạn"],
      ],
      underWay,
    );
    const share = p.overdue ? `${timing.slice(0, -1)}, chiếm ${formatOneDecimal("vi", (p.overdue / p.total) * 100)}%)` : timing;
    clauses.push(`đang thực hiện ${countVi(underWay)} nhiệm vụ${share}`);
  }
  if (p.ongoing) clauses.push(`${countVi(p.ongoing)} nhiệm vụ thực hiện thường xuyên`);
  if (p.unknown) clauses.push(`${countVi(p.unknown)} nhiệm vụ chưa xác định được thời hạn hoặc tình hình thực hiện`);
  const leads = p.overdueLeads.map((l) => `${l.lead || "chưa rõ cơ quan chủ trì"} (${countVi(l.overdue)})`).join(", ");
  return `Tổng số ${countVi(p.total)} nhiệm vụ: ${clauses.join("; ")}.` + (leads ? ` Nhiệm vụ quá hạn: ${leads}.` : "");
}

function syncValue(value: SyncValue): string {
  if (value === null) return "(trống)";
  if (typeof value === "string") return `"${value}"`;
  return String(value);
}

const titled = (title: string | null) => (title ? ` "${title}"` : "");

function loss(l: FixLoss): string {
  return l.kind === "signature"
    ? "chữ ký số của sổ (sẽ không còn hợp lệ)"
    : `công thức mảng ${l.ref} trên trang "${l.sheet}" (các ô của nó sẽ giữ giá trị đã tính)`;
}

const INPUT_FORMAT: Record<InputFormat, string> = {
  ods: "bảng tính OpenDocument (.ods)",
  xlsb: "sổ tính Excel nhị phân (.xlsb)",
  xls: "sổ tính Excel 97-2003 (.xls)",
  xml2003: "bảng tính XML của Excel 2003",
  html: "trang HTML mang đuôi bảng tính",
  csv: "tệp văn bản (CSV)",
};
const INPUT_PROBLEM: Record<Exclude<InputProblem, "cannotOpen">, string> = {
  directory: "là thư mục, không phải tệp",
  notFound: "không tìm thấy tệp",
  empty: "tệp rỗng",
  otherZip: "là tệp nén nhưng không phải sổ tính Excel (.xlsx)",
  encrypted: "sổ tính có đặt mật khẩu; hãy mở bằng Excel, bỏ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc) rồi lưu lại",
  notWorkbook: "không phải sổ tính Excel (.xlsx)",
};
const AS_OF_SOURCE = { option: "theo --as-of", title: "theo tiêu đề", today: "hôm nay" } as const;
const CONFLICT_REASON: Record<string, string> = {
  bothChanged: "cả hai bên cùng sửa",
  listChangedPlannerField: "danh sách sửa trường do người lập kế hoạch giữ",
  mergedCell: "ô gộp nhiều dòng, không ghi cho một dòng",
};

export const vi: Catalogue = {
  // Findings
  "formula-mismatch": (p) =>
    `Sai ${columnName(p.column)}: theo số liệu phải là ${formatVi(p.exact, p.percent)}, đang ghi ${formatVi(p.typed, p.percent)}.`,
  "formula-reference": formulaReference,
  "ratio-scale-mismatch": (p) =>
    p.percentColumn
      ? `Tỷ lệ ghi sai thang: cột định dạng phần trăm nên phải là ${formatVi(p.exact, false, 4)} (${formatVi(p.exact, true)}), đang ghi ${formatVi(p.typed, false)}.`
      : `Tỷ lệ ghi sai thang: cột đã nhân 100 nên phải là ${formatVi(p.exact, false)}, đang ghi ${formatVi(p.typed, false, 4)}.`,
  "children-sum-mismatch": (p) =>
    `Các mục "+" (hàng ${p.rows.join(", ")}) cộng lại được ${formatVi(p.sum, false)}, khác với ${formatVi(p.total, false)} của chỉ tiêu này.`,
  "child-exceeds-parent": (p) =>
    `Mục "trong đó" (${formatVi(p.part, false)}) lớn hơn chỉ tiêu chứa nó ở hàng ${p.parentRow} (${formatVi(p.total, false)}).`,
  "number-stored-as-text": (p) => `Số đang lưu dạng chữ ("${p.text}"): Excel không tính được với ô này; nên nhập lại thành số.`,
  "error-value": (p) => `Ô đang báo lỗi ${p.value}.`,
  "missing-lead": (p) => (p.task ? `Nhiệm vụ "${p.name}" chưa có cơ quan chủ trì.` : `Chỉ tiêu "${p.name}" chưa có đơn vị chủ trì.`),
  "ordinal-duplicate": (p) => `Số thứ tự ${p.ordinal} bị trùng với hàng ${p.otherRow}.`,
  "ordinal-gap": (p) => `Số thứ tự nhảy từ ${p.previous ?? "đầu"} sang ${p.ordinal}.`,
  "formula-blank": (p) => `Ô ${columnName(p.column)} đang trống dù đã đủ số liệu; giá trị tính được là ${formatVi(p.exact, p.percent)}.`,
  "operand-missing": (p) => `Thiếu số liệu cột ${p.column} nên chưa tính được ${p.fed.map(columnName).join(", ")}.`,
  "text-in-formula-column": (p) => `Ô thuộc ${columnName(p.column)} nhưng chứa chữ: "${p.text}".`,
  "completed-before-assigned": (p) =>
    `Ngày hoàn thành ${formatDateVi(p.completedOn)} sớm hơn ngày văn bản giao nhiệm vụ ${formatDateVi(p.assignedOn)} (ô ${p.assignedCell}).`,
  "deadline-unreadable": (p) => `Không đọc được thời hạn "${p.text}": nên ghi ngày (30/6/2023), tháng, quý, năm hoặc "Thường xuyên".`,

  "severity.error": () => "Lỗi",
  "severity.warning": () => "Cảnh báo",
  "severity.info": () => "Lưu ý",

  // Summaries
  "summary.indicators": (p) =>
    p.total === 0
      ? "Chưa có chỉ tiêu nào có số liệu để đánh giá."
      : `Trong tổng số ${countVi(p.total)} chỉ tiêu${p.period ? ` sau ${p.period.label}` : ""}: ` +
        p.bands.map((b) => `${countVi(b.count)}/${countVi(p.total)} chỉ tiêu ${b.phrase}: ${names(b.names, b.more)}`).join("; ") +
        ".",
  "summary.tasks": taskSummary,

  // annex check: the readable report
  "check.noTables": () => 'Không tìm thấy bảng phụ lục nào (cần một hàng tiêu đề có cột "Chỉ tiêu"/"Nội dung"/"Nhiệm vụ").',
  "check.table": (p) => `Bảng «${p.title ?? "(không có tiêu đề)"}» — trang tính «${p.sheet}», vùng ${p.range}`,
  "check.headerBand": (p) =>
    `Tiêu đề cột: hàng ${rowSpan(p.headerRows)}; ` +
    (p.numberRow === null ? "không có hàng số thứ tự cột" : `hàng số thứ tự cột: ${p.numberRow}`) +
    (p.repeatedHeaderRows.length ? `; tiêu đề lặp lại sau ngắt trang: hàng ${rowSpan(p.repeatedHeaderRows)}` : ""),
  "check.rowCounts": (p) =>
    `${p.rows} hàng dữ liệu: ${p.sections} mục lớn, ` +
    (p.tasks ? `${p.items} nhiệm vụ, ${p.subitems} nhiệm vụ con` : `${p.items} chỉ tiêu, ${p.subitems} chỉ tiêu con`),
  "check.taskListAsOf": (p) =>
    `Danh mục nhiệm vụ; tình trạng tính đến ngày ${p.asOf ? formatDateVi(p.asOf) : "(không rõ)"}${p.source ? ` (${AS_OF_SOURCE[p.source]})` : ""}:`,
  "check.taskLine": (p) => {
    const due = p.due ? formatDateVi(p.due) : "—";
    const written = p.dueText && p.dueText !== due ? ` (${p.dueText})` : "";
    return `hàng ${p.row}: hạn ${due}${written} — ${p.state.label.toLowerCase()}`;
  },
  "check.formulaColumns": (p) =>
    p.columns.length
      ? `Cột công thức: ${p.columns.map((c) => `${c.letter} (${c.number}=${c.spec}${c.percent ? ", tỷ lệ %" : ""})`).join(", ")}`
      : "Không có cột công thức (hàng số thứ tự cột không khai báo công thức).",
  "check.fill": (p) =>
    `Điền công thức: ${p.formulas} ô công thức, ${p.changedCells.length} ô đổi giá trị hiển thị` +
    (p.changedCells.length ? ` (${p.changedCells.join(", ")})` : ""),
  "check.conversions": (p) => `Số lưu dạng chữ sẽ chuyển thành số: ${p.cells.join(", ")}`,
  "check.skipped": (p) => `Ô chứa chữ được giữ nguyên: ${p.cells.join(", ")}`,
  "check.noFindings": () => "Kiểm tra: không phát hiện vấn đề nào.",
  "check.findingCounts": (p) =>
    `Kiểm tra: ${p.counts.map((c) => `${c.count} ${vi[`severity.${c.severity}`]({}).toLowerCase()}`).join(", ")}`,
  "check.severityGroup": (p) => `${vi[`severity.${p.severity}`]({})} (${p.count}):`,
  "check.summary": (p) => `Tóm tắt: ${p.text}`,

  // annex sync: the readable report
  "syncReport.heading": (p) =>
    `${p.dryRun ? "Xem trước (không ghi gì) — " : ""}Đồng bộ bảng "${p.sheet}" của ${p.file} với danh sách "${p.list}"` +
    (p.listCreated ? " (danh sách mới được tạo)" : ""),
  "syncReport.created": (p) => `Tạo mới trong danh sách: ${p.created} mục${p.dryRun ? ` (sẽ tạo: ${p.toCreate})` : ""}`,
  "syncReport.matched": (p) => `Dòng khớp với mục sẵn có trong danh sách (không tạo lại): ${p.count}`,
  "syncReport.updated": (p) => `Cập nhật trong danh sách: ${p.count} mục`,
  "syncReport.pulled": (p) => `Lấy về từ danh sách: ${p.count} giá trị`,
  "syncReport.conflicts": (p) => `Xung đột cần người chọn: ${p.count}`,
  "syncReport.deletedRemotely": (p) => `Mục đã bị xóa trong danh sách (không tạo lại): ${p.count}`,
  "syncReport.keysAssigned": (p) => `Dòng được gán mã đồng bộ mới: ${p.count}`,
  "syncReport.missingInWorkbook": (p) => `Mục trong danh sách không còn dòng trong sổ tính (giữ nguyên): ${p.count}`,
  "syncReport.remoteOnly": (p) => `Mục chỉ có trong danh sách (không có mã của sổ tính này): ${p.count}`,
  "syncReport.skipped": (p) => `Giá trị chưa gộp được (công thức, chữ trong cột số…): ${p.count}`,
  "syncReport.failed": (p) => `Ghi không thành công: ${p.count}`,
  "syncReport.outboxRemaining": (p) => `Thay đổi còn chờ gửi (chạy lại lệnh để gửi tiếp): ${p.count}`,
  "syncReport.requests": (p) => `Số yêu cầu HTTP đã gửi: ${p.requests} (thao tác ghi: ${p.writes})`,
  "syncReport.written": (p) => `Đã ghi tệp: ${p.file}`,
  "syncReport.conflictsHeading": () => "Xung đột (cả hai giá trị được giữ nguyên; chọn bên giữ bằng --resolve KHÓA:TRƯỜNG=workbook|list):",
  "syncReport.conflict": (p) => {
    const merge = p.merge ? ` — ô gộp ${p.merge.area} gồm các dòng ${p.merge.rows.join(", ")}` : "";
    return (
      `Dòng ${p.row}${titled(p.title)}, ${p.field}${p.cell ? ` ô ${p.cell}` : ""}: sổ tính ${syncValue(p.workbook)}; ` +
      `danh sách ${syncValue(p.list)}; lần trước ${syncValue(p.base)} (${p.why}${merge}) [${p.rowKey}:${p.fieldKey}]`
    );
  },
  "syncReport.listChangesHeading": () => "Danh sách đã sửa các trường do sổ tính giữ (chưa áp dụng, xem xung đột ở trên):",
  "syncReport.listChange": (p) => `${p.field} [${p.rowKey}]`,
  "syncReport.matchedItem": (p) => `Khớp: dòng ${p.row ?? "?"}${titled(p.title)} ↔ mục ${p.itemId ?? "?"}`,
  "syncReport.deletedItem": (p) => `Đã xóa trong danh sách: dòng ${p.row ?? "?"}${titled(p.title)} (mục ${p.itemId ?? "?"})`,
  "syncReport.failedWrite": (p) => `Lỗi ghi ${p.op === "create" ? "tạo" : "cập nhật"} [${p.rowKey}]: ${p.status} ${p.code} ${p.message}`,
  "syncReport.conflictReason": (p) => CONFLICT_REASON[p.reason] ?? p.reason,

  // Command line and .xlsx host
  "cli.resolveForm": () => "--resolve cần dạng KHÓA:TRƯỜNG=workbook|list",
  "cli.outSameFile": () => "--out phải là tệp khác, tệp gốc không bị sửa",
  "cli.missingToken": () => "Thiếu mã truy cập: dùng --token hoặc biến ANNEX_LIST_TOKEN",
  "cli.notListAddress": () => "Địa chỉ danh sách không hợp lệ",
  "cli.fileNotFound": () => "không tìm thấy tệp",
  "cli.outputFolderMissing": () => "thư mục ghi tệp không tồn tại",
  "cli.unsentChanges": (p) => `${p.count} thay đổi chưa gửi được (danh sách đang bận hoặc mất kết nối); chạy lại đúng lệnh này để gửi tiếp`,
  "cli.stopping": () => "Đang dừng sau lượt ghi hiện tại… (Ctrl-C lần nữa để dừng ngay)",
  "cli.unknownOption": () => "Tùy chọn không rõ",
  "cli.takesNoValue": (p) => `${p.option} không nhận giá trị`,
  "cli.needsValue": (p) => `${p.option} cần một giá trị`,
  "cli.onlyOnce": (p) => `${p.option} chỉ dùng một lần`,
  "cli.asOfInvalid": (p) => `--as-of cần một ngày có thật dạng YYYY-MM-DD, ví dụ 2023-09-30 (nhận được "${p.value}")`,
  "cli.thresholdsInvalid": () => "--thresholds cần các ngưỡng phần trăm, ví dụ 100,90,50",
  "cli.noInputFile": () => "Cần ít nhất một tệp .xlsx",
  "cli.fixOneFile": () => "--fix chỉ dùng với một tệp",
  "cli.forceWithoutFix": () => "--force chỉ dùng cùng --fix",
  "cli.listAddressForms": (p) =>
    `Địa chỉ danh sách không hợp lệ: ${p.list} (https://…sharepoint.com/sites/…/Lists/… hoặc …/v1.0/sites/{site}/lists/{list})`,
  "cli.seeHelp": () => "Xem",
  "cli.unknownCommand": () => "Lệnh không rõ",
  "cli.outputFailed": () => "Không ghi được kết quả",
  "cli.unexpectedError": () => "Lỗi không mong đợi",
  "fix.sameFile": () => "--fix phải ghi ra tệp khác, tệp gốc không bị sửa",
  "fix.folderMissing": (p) => `không có thư mục ${p.folder}`,
  "fix.isFolder": () => "là một thư mục",
  "fix.writeFailed": () => "không ghi được tệp",
  "fix.failed": (p) => `không sửa được ${p.input}`,
  "fix.cannotKeep": (p) => `--fix không giữ được: ${p.losses.map(loss).join("; ")}. Không ghi tệp; dùng --force để vẫn ghi.`,
  "xlsx.unreadable": () => "không đọc được tệp .xlsx",
  "input.convertible": (p) =>
    `${p.file}: là ${INPUT_FORMAT[p.format]}, không phải .xlsx; hãy chuyển sang .xlsx: ${p.command} (hoặc mở bằng Excel và Lưu thành .xlsx)`,
  "input.notSpreadsheet": (p) => `${p.file}: ${p.problem === "cannotOpen" ? `không mở được tệp (${p.reason})` : INPUT_PROBLEM[p.problem]}`,

  // Workflows
  "workflow.noAnnex": () => "Không thấy bảng phụ lục nào trong tệp",
  "workflow.noAnnexOnSheet": (p) => `Không thấy bảng phụ lục trong trang "${p.sheet}"`,
  "workflow.listGone": (p) =>
    `Danh sách dùng chung "${p.list}" không còn trên máy chủ (đã bị xóa). Có thể tạo lại nó và gửi lại số liệu của sổ tính.`,
  "workflow.listNotFound": (p) =>
    `Không tìm thấy danh sách «${p.list}» trên trang ${p.site}. Mở danh sách trong trình duyệt và dán lại địa chỉ của nó.`,
  "workflow.stopped": () => "Đã dừng đồng bộ giữa chừng; phần đã gửi được giữ lại. Chạy lại đúng lệnh này để tiếp tục.",

  // Microsoft Graph
  "graph.unexpected": (p) => `Lỗi không mong đợi: ${p.text}`,
  "graph.unreachable": () =>
    "Không kết nối được tới danh sách dùng chung (mạng hoặc máy chủ không trả lời). Hãy kiểm tra kết nối rồi đồng bộ lại; các thay đổi chưa gửi vẫn được giữ.",
  "graph.unauthorized": () => "Phiên đăng nhập đã hết hạn hoặc mã truy cập không hợp lệ. Hãy đăng nhập lại.",
  "graph.forbidden": () => "Tài khoản không có quyền ghi vào danh sách này (cần quyền Sites.ReadWrite.All hoặc quyền chỉnh sửa danh sách).",
  "graph.notFound": () => "Không tìm thấy trang hoặc danh sách (hoặc mục đã bị xóa). Kiểm tra lại địa chỉ danh sách.",
  "graph.changed": () => "Mục trong danh sách đã được người khác sửa trong lúc đồng bộ. Hãy đồng bộ lại để gộp các thay đổi.",
  "graph.throttled": () =>
    "Máy chủ đang giới hạn số yêu cầu và vẫn từ chối sau nhiều lần thử lại. Hãy đợi vài phút rồi đồng bộ tiếp; phần còn lại được giữ trong hàng đợi.",
  "graph.failed": (p) => `Danh sách trả lời lỗi ${p.status} (${p.code}): ${p.message}`,
  "graph.connected": (p) => `Đã kết nối: danh sách «${p.list}» có ${p.items} mục.`,
  "graph.connectedNoList": (p) => `Đã kết nối: danh sách «${p.list}» chưa có, sẽ được tạo ở lần đồng bộ đầu.`,

  // Department liaisons
  "liaison.itemNotFound": () => "Không tìm thấy dòng này trong danh sách (có thể đã bị xóa). Hãy tải lại danh sách của đơn vị.",
  "liaison.noEstimateColumn": () => "Bảng không có cột ước thực hiện để cập nhật.",
  "liaison.badCompletionDay": () => "Ngày hoàn thành không đọc được: hãy ghi ngày/tháng/năm, ví dụ 20/9/2023.",
  "liaison.graph412": () =>
    "Dòng này vừa được người khác sửa trong danh sách. Danh sách sẽ được tải lại; hãy kiểm tra rồi lưu lại thay đổi của bạn.",
  "office.editMode": () => "Excel đang ở chế độ sửa ô. Nhấn Enter hoặc Esc để kết thúc việc sửa ô, rồi thử lại.",
  "office.accessDenied": () =>
    "Excel không cho phép thay đổi: trang tính hoặc sổ làm việc đang được bảo vệ, hoặc bạn chỉ có quyền xem. Hãy bỏ bảo vệ trang tính (Xem lại › Bỏ bảo vệ trang tính) rồi thử lại.",
  "office.payloadTooLarge": () =>
    "Dữ liệu quá lớn để Excel trên web xử lý trong một lần. Hãy thử với một phụ lục nhỏ hơn hoặc mở tệp bằng Excel trên máy tính.",
  "office.itemNotFound": () =>
    "Không tìm thấy trang tính hoặc vùng dữ liệu cần dùng — có thể nó vừa bị đổi tên hoặc xoá. Hãy quét lại trang tính.",
  "office.conflict": () => "Sổ làm việc vừa thay đổi trong lúc thao tác. Hãy quét lại trang tính rồi thử lại.",
  "office.busy": () => "Excel đang bận. Đợi một lát rồi thử lại.",
  "office.unsupported": () => "Phiên bản Excel này chưa hỗ trợ thao tác này. Hãy cập nhật Excel hoặc dùng Excel trên web.",
  "office.noAnnex": () =>
    'Không tìm thấy bảng phụ lục trên trang tính này. Hãy mở trang tính có bảng (có dòng tiêu đề như "TT", "Chỉ tiêu", "Đơn vị tính") rồi quét lại.',
  "office.sheetTooLarge": () =>
    "Vùng dữ liệu của trang tính quá rộng để quét — thường do một ô có nội dung nằm xa bảng. Hãy xoá các ô thừa bên phải hoặc bên dưới bảng rồi quét lại.",
  "office.generic": () => "Excel báo lỗi khi thực hiện thao tác. Hãy thử lại; nếu vẫn lỗi, lưu tệp, đóng và mở lại.",
  "office.undoConflict": (p) =>
    `Không hoàn tác: các ô ${cellList(p.cells)} (trang “${p.sheet}”) đã được sửa sau khi điền công thức — có thể bằng Ctrl+Z của Excel. Không ô nào bị ghi đè. Hãy kiểm tra các ô đó, rồi quét lại trang tính.`,
};

/** Cells named in a message: the first ten, then how many more. */
function cellList(cells: string[]): string {
  const shown = cells.slice(0, 10).join(", ");
  const more = cells.length - 10;
  return more > 0 ? `${shown} và ${more} ô khác` : shown;
}
