/**
 * Who may call the list server. A users file (`--users FILE`) is a JSON array:
 *
 *   [{"name": "Chị Lan", "token": "…", "role": "planner"},
 *    {"name": "Sở Y tế", "tokenSha256": "<64 hex>", "role": "liaison", "department": "Sở Y tế"}]
 *
 * Tokens are kept only as SHA-256 digests, so a file may hold the digest instead of the token
 * (`printf %s TOKEN | sha256sum`). The single `--token` mode is one planner.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

export type Role = "planner" | "liaison";

export interface ListUser {
  name: string;
  role: Role;
  /** The department a liaison answers for (compared with an item's Lead). */
  department: string | null;
}

export const DEV_TOKEN_USER: ListUser = { name: "Người lập kế hoạch (dev token)", role: "planner", department: null };

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Tokens by digest. Lookup by digest keeps the comparison independent of how much of a guess is right. */
export class UserDirectory {
  private constructor(private readonly byDigest: ReadonlyMap<string, ListUser>) {}

  static singleToken(token: string, user: ListUser = DEV_TOKEN_USER): UserDirectory {
    if (token.trim() === "" || /\s/.test(token)) throw new Error("The list server token must be a non-empty string without spaces.");
    return new UserDirectory(new Map([[sha256Hex(token), user]]));
  }

  /** Parse the users file's JSON. Throws an Error naming the entry that is wrong. */
  static fromJson(json: unknown): UserDirectory {
    if (!Array.isArray(json) || json.length === 0) throw new Error("the users file must be a non-empty JSON array");
    const byDigest = new Map<string, ListUser>();
    json.forEach((raw, i) => {
      const where = `user #${i + 1}`;
      if (typeof raw !== "object" || raw === null) throw new Error(`${where} is not an object`);
      const o = raw as Record<string, unknown>;
      if (typeof o.name !== "string" || o.name.trim() === "") throw new Error(`${where}: "name" must be a non-empty string`);
      const name = o.name.trim();
      if (o.role !== "planner" && o.role !== "liaison") throw new Error(`${where} (${name}): "role" must be "planner" or "liaison"`);
      let department: string | null = null;
      if (o.department !== undefined && o.department !== null) {
        if (typeof o.department !== "string" || o.department.trim() === "") {
          throw new Error(`${where} (${name}): "department" must be a non-empty string`);
        }
        department = o.department.trim();
      }
      if (o.role === "liaison" && department === null) throw new Error(`${where} (${name}): a liaison needs a "department"`);
      const digest = tokenDigest(o, `${where} (${name})`);
      if (byDigest.has(digest)) throw new Error(`${where} (${name}): this token is already given to ${byDigest.get(digest)!.name}`);
      byDigest.set(digest, { name, role: o.role, department });
    });
    return new UserDirectory(byDigest);
  }

  static fromFile(path: string): UserDirectory {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (e) {
      throw new Error(`cannot read the users file ${path}: ${(e as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new Error(`the users file ${path} is not valid JSON: ${(e as Error).message}`);
    }
    try {
      return UserDirectory.fromJson(json);
    } catch (e) {
      throw new Error(`${path}: ${(e as Error).message}`);
    }
  }

  get size(): number {
    return this.byDigest.size;
  }

  authenticate(token: string): ListUser | null {
    return this.byDigest.get(sha256Hex(token)) ?? null;
  }
}

function tokenDigest(o: Record<string, unknown>, where: string): string {
  if (o.token !== undefined && o.tokenSha256 !== undefined) throw new Error(`${where}: give "token" or "tokenSha256", not both`);
  if (typeof o.token === "string") {
    if (o.token.length < 8 || /\s/.test(o.token)) throw new Error(`${where}: "token" must be at least 8 characters without spaces`);
    return sha256Hex(o.token);
  }
  if (typeof o.tokenSha256 === "string") {
    const hex = o.tokenSha256.trim().toLowerCase();
    if (!SHA256_HEX.test(hex)) throw new Error(`${where}: "tokenSha256" must be 64 hexadecimal digits`);
    return hex;
  }
  throw new Error(`${where}: "token" or "tokenSha256" is required`);
}
