/**
 * Vietnamese strings of the task pane (the default language). `en.ts` has the same keys: its type
 * is `Strings`, the type of this object. Texts that carry numbers are functions.
 */
import type { ColumnRole, RowKind, Severity } from "../../annex";

export const vi = {
  // Header
  appTitle: "Trợ lý Phụ lục",
  appSubtitle: "Nhận diện bảng phụ lục, điền công thức, tô màu và kiểm tra số liệu trước khi gửi.",

  // Recognise
  recognise: "Nhận diện bảng",
  recogniseAgain: "Nhận diện lại",
  recogniseHint: "Mở trang tính có bảng phụ lục rồi bấm “Nhận diện bảng”.",
  sheetLine: (sheet: string, tables: number) => `Trang tính «${sheet}»: ${tables} bảng phụ lục.`,
  noAnnexTitle: "Không có bảng phụ lục",
  noAnnex: (sheet: string) =>
    `Không tìm thấy bảng phụ lục nào trên trang tính «${sheet}». Bảng cần có một hàng tiêu đề với cột “Chỉ tiêu”, “Nội dung” hoặc “Nhiệm vụ”. Hãy mở trang tính có bảng rồi nhận diện lại.`,

  // Tabs
  tabsLabel: "Các phần của trợ lý",
  tabTables: "Bảng phụ lục",
  tabFill: "Điền công thức",
  tabHighlight: "Tô màu",
  tabFindings: "Kiểm tra",
  tabSummary: "Tóm tắt",

  // Progress
  busy: {
    load: "Đang đọc cài đặt…",
    analyze: "Đang nhận diện bảng…",
    save: "Đang lưu cài đặt…",
    fill: "Đang ghi công thức…",
    undo: "Đang hoàn tác…",
    highlight: "Đang tô màu…",
    unhighlight: "Đang bỏ tô màu…",
    select: "Đang chọn ô…",
  },

  // Messages
  errorTitle: "Không thực hiện được",
  genericError: "Đã xảy ra lỗi không mong muốn. Hãy thử lại; nếu vẫn lỗi, hãy lưu tệp, đóng và mở lại ngăn Trợ lý Phụ lục.",
  dismiss: "Đóng thông báo",
  doneTitle: "Đã xong",

  // Tables section
  tableChoose: "Chọn bảng",
  tableOption: (title: string, range: string) => `${title} (${range})`,
  untitled: "(không có tiêu đề)",
  tableTitle: "Tiêu đề",
  tableRange: "Vùng",
  tableHeaderRows: "Hàng tiêu đề cột",
  tableNumberRow: "Hàng số thứ tự cột",
  tableNoNumberRow: "không có (không có cột công thức)",
  tableRepeatedRows: "Tiêu đề lặp lại sau ngắt trang",
  tableNone: "không có",
  tableRows: "Hàng dữ liệu",
  rowCounts: (total: number, sections: number, items: number, subitems: number) =>
    `${total} hàng: ${sections} mục lớn, ${items} chỉ tiêu, ${subitems} chỉ tiêu con`,
  rowSpan: (first: number, last: number) => (first === last ? `hàng ${first}` : `hàng ${first}–${last}`),
  mergesNotReadTitle: "Chưa đọc được ô gộp",
  mergesNotRead:
    "Excel không trả về các ô gộp của trang tính này (phiên bản Excel cũ hoặc có quá 512 vùng gộp). Tiêu đề cột và đơn vị chủ trì có thể được nhận diện chưa đúng; hãy kiểm tra lại vai trò các cột.",
  columnsHeading: "Các cột",
  colColumn: "Cột",
  colHeader: "Tiêu đề",
  colNumber: "Số cột",
  colRole: "Vai trò",
  colFormula: "Công thức",
  roleFor: (letter: string) => `Vai trò của cột ${letter}`,
  roleCorrected: "đã sửa",
  percentShown: "tỷ lệ %",
  resetRoles: "Bỏ các chỉnh sửa vai trò cột",
  rolesHint: "Nếu một cột bị nhận diện sai vai trò, hãy chọn lại; trợ lý lưu chỉnh sửa vào tệp và nhận diện lại.",
  roles: {
    ordinal: "Số thứ tự",
    name: "Tên chỉ tiêu / nội dung",
    unit: "Đơn vị tính",
    value: "Số liệu",
    formula: "Cột công thức",
    lead: "Đơn vị chủ trì",
    partner: "Đơn vị phối hợp",
    deadline: "Thời hạn",
    status: "Tình hình thực hiện",
    note: "Ghi chú",
  } as Record<ColumnRole, string>,
  rowKinds: { section: "mục lớn", item: "chỉ tiêu", subitem: "chỉ tiêu con" } as Record<RowKind, string>,

  // Fill section
  fillHeading: "Xem trước các ô sẽ ghi",
  fillNothing: "Các cột công thức đã đúng: không có ô nào cần ghi.",
  fillNoFormulaColumns: "Bảng này không có cột công thức (hàng số thứ tự cột không khai báo công thức như “6=4/5”).",
  fillConfirm: (cells: number, changed: number) =>
    `Sẽ ghi ${cells} ô bằng công thức hoặc số; ${changed} ô sẽ đổi giá trị hiển thị. Ô chứa chữ được giữ nguyên.`,
  fillOnlyChanged: "Chỉ hiện ô đổi giá trị",
  fillCell: "Ô",
  fillChange: "Cũ → Mới",
  fillFormula: "Công thức",
  fillChangesValue: "đổi giá trị",
  fillConversion: "chuyển chữ thành số",
  fillEmpty: "(trống)",
  fillSkippedHeading: "Ô chứa chữ được giữ nguyên",
  fillSkippedReason: "chứa chữ, không ghi đè",
  fillApply: "Áp dụng",
  fillUndo: "Hoàn tác",
  fillWritten: (n: number) => `Đã ghi ${n} ô. Có thể hoàn tác bằng nút “Hoàn tác”.`,
  fillUndone: (n: number) => `Đã hoàn tác: khôi phục ${n} ô về giá trị trước khi điền.`,
  previewLabel: "Bảng xem trước các ô sẽ ghi",

  // Highlight section
  bandsHeading: "Các mức đánh giá",
  bandLimitTop: (pct: string) => `từ ${pct} trở lên`,
  bandLimitBetween: (low: string, high: string) => `từ ${low} đến dưới ${high}`,
  bandLimitBelow: (pct: string) => `dưới ${pct}`,
  bandUnrated: "chưa có số liệu",
  bandCount: (n: number) => `${n} chỉ tiêu`,
  legendHeading: "Chú giải màu",
  thresholdsHeading: "Ngưỡng đánh giá (%)",
  thresholdLabel: (i: number) => `Ngưỡng ${i}`,
  thresholdsSave: "Lưu ngưỡng",
  thresholdsReset: "Về mặc định (100, 90, 50)",
  thresholdsInvalidNumber: "Nhập một số phần trăm lớn hơn 0 và không quá 1000.",
  thresholdsNotDescending: "Mỗi ngưỡng phải nhỏ hơn ngưỡng phía trên.",
  thresholdsTimeModeNote: "Đang so với tiến độ theo kỳ báo cáo; các ngưỡng chỉ áp dụng khi tắt chế độ này.",
  timeAware: "So với tiến độ theo kỳ báo cáo",
  periodDetected: (label: string, pct: string) => `Kỳ báo cáo theo tiêu đề cột: ${label} → ${pct} kế hoạch`,
  periodNone: "Không xác định được kỳ báo cáo từ tiêu đề cột (ví dụ “9 tháng”, “Quý III”).",
  noRatioColumn: "Bảng này không có cột tỷ lệ (dạng “6=4/5”) nên không tô màu được.",
  ratioColumnLine: (letter: string) => `Tô màu cột ${letter} theo mức đạt được.`,
  highlightApply: "Áp dụng tô màu",
  highlightRemove: "Bỏ tô màu",
  highlightApplied: (letter: string, bands: number) => `Đã tô màu cột ${letter} theo ${bands} mức.`,
  highlightRemoved: "Đã bỏ tô màu do trợ lý tạo.",

  // Findings section
  findingsTotals: (errors: number, warnings: number, notes: number) => `${errors} lỗi, ${warnings} cảnh báo, ${notes} lưu ý`,
  allClearTitle: "Không có lỗi",
  allClear: "Không phát hiện lỗi hay cảnh báo nào trong bảng này.",
  severity: { error: "Lỗi", warning: "Cảnh báo", info: "Lưu ý" } as Record<Severity, string>,
  goToCell: (cell: string) => `Chọn ô ${cell}`,
  findingsNone: "không có",

  // Summary section
  summaryLabel: "Đoạn tóm tắt kết quả thực hiện",
  summaryCopy: "Sao chép",
  summaryCopied: "Đã sao chép đoạn tóm tắt. Dán vào báo cáo bằng Ctrl+V.",
  summaryCopyFailed: "Không sao chép được tự động. Hãy chọn đoạn văn và nhấn Ctrl+C.",
  summaryHint: "Đoạn văn theo mẫu báo cáo của tỉnh, lập từ mức đánh giá của từng chỉ tiêu.",
};

export type Strings = typeof vi;
