/**
 * JSON written piece by piece, so a report of tens of thousands of rows is never held as one
 * string and a slow reader (a pipe) holds the writer back instead of the output piling up in memory.
 */

export interface LineSink {
  /** One line or several, without the final newline. */
  line(text: string): void;
  /** Characters written since the last flush. */
  readonly pending: number;
  flush(): Promise<void>;
}

/** Lines are handed on in chunks of about this many characters. */
export const CHUNK = 1 << 16;

/** Collects lines and hands them on as one text per chunk (lines joined by "\n", no final newline). */
export class LineBuffer implements LineSink {
  private lines: string[] = [];
  private size = 0;

  constructor(private readonly out: (text: string) => void | Promise<void>) {}

  line(text: string): void {
    this.lines.push(text);
    this.size += text.length + 1;
  }

  get pending(): number {
    return this.size;
  }

  async flush(): Promise<void> {
    if (this.lines.length === 0) return;
    const text = this.lines.join("\n");
    this.lines = [];
    this.size = 0;
    await this.out(text);
  }
}

/**
 * A list whose JSON elements are made one at a time while writing, instead of a mapped copy of
 * the whole list held beside the original. `JSON.stringify` sees the mapped list.
 */
export class MappedList<T> {
  constructor(
    readonly items: readonly T[],
    readonly map: (item: T) => unknown,
  ) {}

  toJSON(): unknown[] {
    return this.items.map(this.map);
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };

const isPrimitive = (v: unknown) => v === null || typeof v !== "object";

/** An object whose values are all primitives or lists of primitives: one record, one line. */
function isRecord(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => isPrimitive(v) || (Array.isArray(v) && v.every(isPrimitive)))
  );
}

/**
 * Write `prefix + value + suffix` at the given indentation. Objects are laid out key by key; a
 * list puts each element on its own line, a record compact, so a report of 40,000 rows has one
 * line per row, finding or cell to fill. Flushes whenever a chunk is full.
 */
export async function writeJson(value: unknown, sink: LineSink, indent = "", prefix = "", suffix = ""): Promise<void> {
  if (isPrimitive(value) || (Array.isArray(value) && (value.length === 0 || value.every(isPrimitive)))) {
    sink.line(indent + prefix + (JSON.stringify(value) ?? "null") + suffix);
    return;
  }
  const inner = indent + "  ";
  if (value instanceof MappedList && value.items.length === 0) {
    sink.line(`${indent}${prefix}[]${suffix}`);
    return;
  }
  if (Array.isArray(value) || value instanceof MappedList) {
    const items: readonly unknown[] = value instanceof MappedList ? value.items : value;
    const map: (item: unknown) => unknown = value instanceof MappedList ? value.map : (item) => item;
    sink.line(`${indent}${prefix}[`);
    for (let i = 0; i < items.length; i++) {
      const item: unknown = items[i] === undefined ? null : map(items[i]);
      const comma = i < items.length - 1 ? "," : "";
      if (isRecord(item)) sink.line(inner + JSON.stringify(item) + comma);
      else await writeJson(item, sink, inner, "", comma);
      if (sink.pending >= CHUNK) await sink.flush();
    }
    sink.line(`${indent}]${suffix}`);
    return;
  }
  const entries = Object.entries(value as Record<string, Json | undefined>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) {
    sink.line(`${indent}${prefix}{}${suffix}`);
    return;
  }
  sink.line(`${indent}${prefix}{`);
  for (let i = 0; i < entries.length; i++) {
    const [key, v] = entries[i];
    await writeJson(v, sink, inner, `${JSON.stringify(key)}: `, i < entries.length - 1 ? "," : "");
  }
  sink.line(`${indent}}${suffix}`);
}
