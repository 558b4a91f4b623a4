/**
 * Column definitions and field values.
 *
 * Parses the columnDefinition objects a client sends when it creates a list, renders
 * them back the way Graph does, and validates / coerces field values on writes.
 * It also produces the "normalised" value used for $filter and enforceUniqueValues
 * (text compares case-insensitively, as SharePoint does).
 */
import { randomUUID } from "node:crypto";
import { badRequest } from "./graphErrors";

export type ColumnType = "text" | "number" | "choice" | "dateTime" | "boolean";
export const COLUMN_TYPES: readonly ColumnType[] = ["text", "number", "choice", "dateTime", "boolean"];

export interface ColumnDef {
  id: string;
  name: string;
  displayName: string;
  description: string;
  type: ColumnType;
  indexed: boolean;
  enforceUniqueValues: boolean;
  required: boolean;
  /** The type facet as Graph renders it, e.g. {maxLength:255, allowMultipleLines:false}. */
  facet: Record<string, unknown>;
}

/** Internal column names: ASCII, as the notes require (display names may be Vietnamese). */
const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Names SharePoint reserves for system columns; these are readable but never writable. */
export const SYSTEM_FIELDS: ReadonlySet<string> = new Set([
  "id",
  "ID",
  "Id",
  "Created",
  "Modified",
  "ContentType",
  "Author",
  "Editor",
  "Attachments",
  "Edit",
  "LinkTitle",
  "LinkTitleNoMenu",
  "DocIcon",
  "ItemChildCount",
  "FolderChildCount",
  "_UIVersionString",
]);

/** Every genericList carries a Title column. */
export function titleColumn(): ColumnDef {
  return {
    id: "fa564e0f-0c70-4ab9-b863-0177e6ddd247", // SharePoint's well-known Title field id
    name: "Title",
    displayName: "Title",
    description: "",
    type: "text",
    indexed: false,
    enforceUniqueValues: false,
    required: false,
    facet: { allowMultipleLines: false, appendChangesToExistingText: false, linesForEditing: 0, maxLength: 255 },
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function optBool(obj: Record<string, unknown>, key: string, where: string): boolean {
  const v = obj[key];
  if (v === undefined || v === null) return false;
  if (typeof v !== "boolean") throw badRequest(`${where}: '${key}' must be a boolean.`);
  return v;
}

/** Parse one columnDefinition from a create-list / create-column body. */
export function parseColumnDefinition(raw: unknown): ColumnDef {
  if (!isPlainObject(raw)) throw badRequest("A column definition must be an object.");
  const name = raw.name;
  if (typeof name !== "string" || !COLUMN_NAME.test(name)) {
    throw badRequest(`Column name '${String(name)}' is invalid: use 1-64 ASCII letters, digits or '_' (starting with a letter or '_').`);
  }
  if (SYSTEM_FIELDS.has(name) || name.toLowerCase() === "title") {
    throw badRequest(`Column name '${name}' is reserved.`);
  }
  const where = `Column '${name}'`;
  const displayName = raw.displayName === undefined || raw.displayName === null ? name : raw.displayName;
  if (typeof displayName !== "string" || displayName.trim() === "" || displayName.length > 255) {
    throw badRequest(`${where}: 'displayName' must be a non-empty string of at most 255 characters.`);
  }
  const description = raw.description === undefined || raw.description === null ? "" : raw.description;
  if (typeof description !== "string") throw badRequest(`${where}: 'description' must be a string.`);

  const present = COLUMN_TYPES.filter((t) => raw[t] !== undefined && raw[t] !== null);
  if (present.length !== 1) {
    throw badRequest(
      `${where}: exactly one of ${COLUMN_TYPES.map((t) => `'${t}'`).join(", ")} must be given (other column types are not supported by the local list server).`,
    );
  }
  const type = present[0];
  const facetIn = raw[type];
  if (!isPlainObject(facetIn)) throw badRequest(`${where}: '${type}' must be an object.`);

  const enforceUniqueValues = optBool(raw, "enforceUniqueValues", where);
  // SharePoint requires a unique column to be indexed; it indexes it for you.
  const indexed = optBool(raw, "indexed", where) || enforceUniqueValues;
  const required = optBool(raw, "required", where);

  return {
    id: randomUUID(),
    name,
    displayName,
    description,
    type,
    indexed,
    enforceUniqueValues,
    required,
    facet: parseFacet(type, facetIn, where),
  };
}

function parseFacet(type: ColumnType, f: Record<string, unknown>, where: string): Record<string, unknown> {
  switch (type) {
    case "text": {
      const allowMultipleLines = optBool(f, "allowMultipleLines", where);
      let maxLength = allowMultipleLines ? 63999 : 255;
      if (f.maxLength !== undefined && f.maxLength !== null) {
        if (typeof f.maxLength !== "number" || !Number.isInteger(f.maxLength) || f.maxLength < 1) {
          throw badRequest(`${where}: 'text.maxLength' must be a positive integer.`);
        }
        if (!allowMultipleLines && f.maxLength > 255) {
          throw badRequest(`${where}: a single-line text column holds at most 255 characters.`);
        }
        maxLength = f.maxLength;
      }
      return {
        allowMultipleLines,
        appendChangesToExistingText: false,
        linesForEditing: allowMultipleLines ? 6 : 0,
        maxLength,
        ...(allowMultipleLines ? { textType: "plain" } : {}),
      };
    }
    case "number": {
      const out: Record<string, unknown> = { decimalPlaces: "automatic", displayAs: "number" };
      for (const k of ["minimum", "maximum"] as const) {
        if (f[k] !== undefined && f[k] !== null) {
          if (typeof f[k] !== "number" || !Number.isFinite(f[k])) {
            throw badRequest(`${where}: 'number.${k}' must be a number.`);
          }
          out[k] = f[k];
        }
      }
      if (typeof f.decimalPlaces === "string") out.decimalPlaces = f.decimalPlaces;
      return out;
    }
    case "choice": {
      const choices = f.choices;
      if (!Array.isArray(choices) || choices.length === 0 || !choices.every((c) => typeof c === "string" && c !== "")) {
        throw badRequest(`${where}: 'choice.choices' must be a non-empty array of non-empty strings.`);
      }
      return {
        allowTextEntry: optBool(f, "allowTextEntry", where),
        choices: [...new Set(choices as string[])],
        displayAs: typeof f.displayAs === "string" ? f.displayAs : "dropDownMenu",
      };
    }
    case "dateTime": {
      const format = f.format === undefined || f.format === null ? "dateTime" : f.format;
      if (format !== "dateTime" && format !== "dateOnly") {
        throw badRequest(`${where}: 'dateTime.format' must be 'dateTime' or 'dateOnly'.`);
      }
      return { displayAs: "default", format };
    }
    case "boolean":
      return {};
  }
}

/** Render a column as a Graph columnDefinition. */
export function renderColumn(c: ColumnDef, readOnly = false): Record<string, unknown> {
  return {
    columnGroup: "Custom Columns",
    description: c.description,
    displayName: c.displayName,
    enforceUniqueValues: c.enforceUniqueValues,
    hidden: false,
    id: c.id,
    indexed: c.indexed,
    name: c.name,
    readOnly,
    required: c.required,
    [c.type]: c.facet,
  };
}

/** Read-only system columns listed after the list's own columns, as Graph does. */
export function systemColumnDefinitions(): Record<string, unknown>[] {
  return [
    {
      columnGroup: "_Hidden",
      description: "",
      displayName: "Modified",
      enforceUniqueValues: false,
      hidden: false,
      id: "28cf69c5-fa48-462a-b5cd-27b6f9d2bd5f",
      indexed: false,
      name: "Modified",
      readOnly: true,
      required: false,
      dateTime: { displayAs: "default", format: "dateTime" },
    },
    {
      columnGroup: "_Hidden",
      description: "",
      displayName: "Created",
      enforceUniqueValues: false,
      hidden: false,
      id: "8c06beca-0777-48f7-91c7-6da68bc07b69",
      indexed: false,
      name: "Created",
      readOnly: true,
      required: false,
      dateTime: { displayAs: "default", format: "dateTime" },
    },
  ];
}

export type FieldValue = string | number | boolean;

/** Graph-style timestamp: ISO 8601 UTC without milliseconds. */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

const NUMERIC_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/**
 * Coerce a value written by a client to the stored form for its column.
 * Returns null for "no value" (null or empty string): such fields are removed,
 * and Graph omits them from responses.
 *
 * As Graph, a number column takes only a JSON number and a boolean column only a JSON boolean
 * ("42" and "true" are refused). `lenient` accepts their text forms, for $filter literals.
 */
export function coerceFieldValue(col: ColumnDef, value: unknown, options: { lenient?: boolean } = {}): FieldValue | null {
  if (value === null || value === undefined || value === "") return null;
  const bad = (why: string) => badRequest(`Invalid value for field '${col.name}': ${why}`);
  const wrongType = (edmType: string) =>
    badRequest(`Cannot convert the literal '${String(value)}' (${typeof value}) of field '${col.name}' to the expected type '${edmType}'.`);
  switch (col.type) {
    case "text": {
      let s: string;
      if (typeof value === "string") s = value;
      else if (typeof value === "number" || typeof value === "boolean") s = String(value);
      else throw bad("expected a string.");
      const max = Number(col.facet.maxLength ?? 255);
      if (s.length > max) throw bad(`the text is longer than the column's maximum of ${max} characters.`);
      return s;
    }
    case "number": {
      let n: number;
      if (typeof value === "number") n = value;
      else if (options.lenient && typeof value === "string" && NUMERIC_TEXT.test(value)) n = Number(value);
      else throw wrongType("Edm.Double");
      if (!Number.isFinite(n)) throw bad("expected a finite number.");
      if (typeof col.facet.minimum === "number" && n < col.facet.minimum) throw bad(`below the minimum ${col.facet.minimum}.`);
      if (typeof col.facet.maximum === "number" && n > col.facet.maximum) throw bad(`above the maximum ${col.facet.maximum}.`);
      return n;
    }
    case "choice": {
      if (typeof value !== "string") throw bad("expected a string.");
      const choices = col.facet.choices as string[];
      if (!col.facet.allowTextEntry && !choices.includes(value)) {
        throw bad(`'${value}' is not one of the column's choices.`);
      }
      if (value.length > 255) throw bad("the text is longer than 255 characters.");
      return value;
    }
    case "dateTime": {
      if (typeof value !== "string") throw bad("expected an ISO 8601 date string.");
      const t = Date.parse(value);
      if (Number.isNaN(t)) throw bad(`'${value}' is not a valid date.`);
      return isoSeconds(new Date(t));
    }
    case "boolean": {
      if (typeof value === "boolean") return value;
      if (!options.lenient) throw wrongType("Edm.Boolean");
      if (value === 1 || value === "1" || value === "true" || value === "True") return true;
      if (value === 0 || value === "0" || value === "false" || value === "False") return false;
      throw bad("expected true or false.");
    }
  }
}

/**
 * The value stored in the lookup table (item_values) and compared by $filter and
 * enforceUniqueValues: text lower-cased (SharePoint compares text case-insensitively),
 * booleans as 0/1, numbers as numbers, dates as ISO strings.
 */
export function normaliseForIndex(col: ColumnDef, v: FieldValue): string | number {
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") return v;
  if (col.type === "text" || col.type === "choice") return v.toLowerCase();
  return v;
}
