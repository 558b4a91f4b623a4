import { recognizeTables } from "../../../../src/annex";
import { buildSnapshot } from "../../../helpers/snapshot";

function recognise(header: string[], row: (string | number | null)[]) {
  const snapshot = buildSnapshot({ rows: [["DANH MỤC"], [], header, row] });
  const tables = recognizeTables(snapshot);
  expect(tables).toHaveLength(1);
  return tables[0];
}

describe("task columns and task tables", () => {
  it("recognises completion dates, assigning documents and products, never as figure columns", () => {
    const table = recognise(
      ["STT", "Nhiệm vụ", "Văn bản giao", "Sản phẩm", "Cơ quan chủ trì", "Thời hạn", "Ngày hoàn thành", "Tình trạng"],
      ["1", "Xây dựng kế hoạch", "Quyết định số 12/QĐ-UBND ngày 5/1/2023", "Kế hoạch", "Sở Nội vụ", "Quý II/2023", 45107, "Hoàn thành"],
    );
    expect(table.columns.map((c) => c.role)).toEqual(["ordinal", "name", "source", "product", "lead", "deadline", "completedOn", "status"]);
    expect(table.kind).toBe("tasks");
  });

  it.each([
    ["Thời điểm hoàn thành", "completedOn"],
    ["Ngay hoan thanh", "completedOn"],
    ["Thời gian hoàn thành", "deadline"],
    ["Số, ký hiệu văn bản", "source"],
    ["Hình thức văn bản", "product"],
    ["Kết quả thực hiện", "status"],
    ["Trạng thái", "status"],
    ["Tiến độ thực hiện", "status"],
  ])("%s is a %s column", (header, role) => {
    const table = recognise(["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", header], ["1", "Xây dựng kế hoạch", "Sở Nội vụ", "x"]);
    expect(table.columns[3].role).toBe(role);
  });

  it("keeps a table with figures an indicator table, even with a deadline column", () => {
    const table = recognise(
      ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm", "Ước thực hiện", "Cơ quan chủ trì", "Thời hạn"],
      ["1", "Tổng vốn đầu tư", "Tỷ đồng", 1200, 950, "Sở Kế hoạch và Đầu tư", "Năm 2023"],
    );
    expect(table.kind).toBe("indicators");
  });

  it("makes a list with neither deadline nor status an indicator table", () => {
    const table = recognise(["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Ghi chú"], ["1", "Xây dựng kế hoạch", "Sở Nội vụ", ""]);
    expect(table.kind).toBe("indicators");
  });
});
