/** The users file and the command line's refusals, without a server. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseServerArgs } from "../../../src/server/cliOptions";
import { fileFor } from "../../../src/server/staticSite";
import { UserDirectory, sha256Hex } from "../../../src/server/users";

describe("the users file", () => {
  it("knows users by their token or by the token's SHA-256, and nobody else", () => {
    const users = UserDirectory.fromJson([
      { name: " Hoa ", token: "planner-secret", role: "planner" },
      { name: "Nam", tokenSha256: sha256Hex("liaison-secret").toUpperCase(), role: "liaison", department: "Sở Y tế" },
    ]);
    expect(users.authenticate("planner-secret")).toEqual({ name: "Hoa", role: "planner", department: null });
    expect(users.authenticate("liaison-secret")).toEqual({ name: "Nam", role: "liaison", department: "Sở Y tế" });
    expect(users.authenticate("planner-secre")).toBeNull();
    // printf %s liaison-secret | sha256sum
    expect(sha256Hex("liaison-secret")).toBe("917abd7618fd3ef55251230f873fd5423bf2eb0be0367ea7b68c4fb265f4d5ce");
  });

  it.each([
    [{}, /non-empty JSON array/],
    [[{ token: "abcdefgh", role: "planner" }], /user #1: "name"/],
    [[{ name: "A", token: "abcdefgh", role: "admin" }], /"role" must be "planner" or "liaison"/],
    [[{ name: "A", token: "abcdefgh", role: "liaison" }], /a liaison needs a "department"/],
    [[{ name: "A", token: "short", role: "planner" }], /at least 8 characters/],
    [[{ name: "A", tokenSha256: "abc", role: "planner" }], /64 hexadecimal digits/],
    [[{ name: "A", token: "abcdefgh", tokenSha256: sha256Hex("abcdefgh"), role: "planner" }], /not both/],
    [
      [
        { name: "A", token: "abcdefgh", role: "planner" },
        { name: "B", tokenSha256: sha256Hex("abcdefgh"), role: "planner" },
      ],
      /user #2 \(B\): this token is already given to A/,
    ],
  ])("refuses %j", (json, message) => {
    expect(() => UserDirectory.fromJson(json)).toThrow(message);
  });
});

describe("the command line", () => {
  it("refuses a non-loopback address without --users, even with a token of its own, and accepts it with one", () => {
    expect(() => parseServerArgs("list-server", ["--host", "0.0.0.0"], {})).toThrow(
      "Không mở máy chủ trên 0.0.0.0 với một mã dùng chung mặc định: hãy cho danh sách người dùng bằng --users FILE / " +
        "Refusing to listen on 0.0.0.0 with a shared default token: give the users with --users FILE",
    );
    expect(() => parseServerArgs("list-server", ["--host", "192.168.1.10"], { LIST_SERVER_TOKEN: "a-long-token" })).toThrow(
      /--users FILE$/,
    );
    expect(parseServerArgs("list-server", ["--host", "0.0.0.0", "--users", "users.json"], {})).toMatchObject({
      host: "0.0.0.0",
      usersFile: "users.json",
    });
    expect(parseServerArgs("list-server", [], {})).toMatchObject({ host: "127.0.0.1", port: 4100, token: "dev-token", tokenGiven: false });
  });

  it("asks the office server for HTTPS off loopback, and for an origin as --public-url", () => {
    expect(() => parseServerArgs("serve", ["--host", "0.0.0.0", "--users", "u.json"], {})).toThrow(/--cert FILE --key FILE$/);
    expect(() => parseServerArgs("serve", ["--cert", "c.pem"], {})).toThrow(
      "--cert và --key phải đi cùng nhau / --cert and --key go together",
    );
    expect(parseServerArgs("serve", ["--public-url", "https://khdt.example.vn:8443/"], {})).toMatchObject({
      port: 8443,
      publicUrl: "https://khdt.example.vn:8443",
    });
    expect(() => parseServerArgs("serve", ["--public-url", "https://khdt.example.vn/v1.0"], {})).toThrow(/expects an origin/);
  });
});

describe("the pane's files", () => {
  it("are only files inside the site folder, never hidden ones", () => {
    const dir = mkdtempSync(join(tmpdir(), "site-"));
    try {
      const site = join(dir, "dist");
      mkdirSync(join(site, "assets"), { recursive: true });
      writeFileSync(join(site, "taskpane.html"), "x");
      writeFileSync(join(site, "assets", "icon.png"), "x");
      writeFileSync(join(site, ".env"), "x");
      writeFileSync(join(dir, "secret.txt"), "x");
      expect(fileFor(site, "/taskpane.html")).toBe(join(site, "taskpane.html"));
      expect(fileFor(site, "/assets/icon.png")).toBe(join(site, "assets", "icon.png"));
      for (const path of ["/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt", "/.env", "/assets", "/%E0%A4%A", "/"]) {
        expect([path, fileFor(site, path)]).toEqual([path, null]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
