/**
 * A small command-line parser shared by the `annex` commands: `--name`, `--name value`,
 * `--name=value`, one-letter aliases (`-o value`), `--help`/`-h`, and `--` before file names
 * that start with a dash. Anything it does not know is an error naming the option (exit 2).
 */
import { bilingual } from "../messages";

export interface OptionSpec {
  /** Takes a value: `--name VALUE` or `--name=VALUE`. */
  readonly value?: boolean;
  /** May be given several times; the values are collected in order. */
  readonly multiple?: boolean;
  /** A one-letter alias, used as `-x`. */
  readonly short?: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** What each option parsed to: a flag is a boolean, a value option a string, a repeatable one a list. */
export type OptionValues<S extends OptionSpecs> = {
  [K in keyof S]: S[K] extends { value: true } ? (S[K] extends { multiple: true } ? string[] : string | undefined) : boolean;
};

export interface ParsedArgs<S extends OptionSpecs> {
  options: OptionValues<S>;
  positionals: string[];
  /** `--help` or `-h` was given: print the usage and exit 0, whatever else is on the line. */
  help: boolean;
}

/** Wrong arguments; the message says which, in Vietnamese then English. */
export class ArgsError extends Error {}

export function parseArgs<S extends OptionSpecs>(args: readonly string[], specs: S): ParsedArgs<S> {
  const byShort = new Map(
    Object.entries(specs)
      .filter(([, spec]) => spec.short)
      .map(([name, spec]) => [spec.short!, name]),
  );
  const values: Record<string, string | string[] | boolean | undefined> = {};
  for (const [name, spec] of Object.entries(specs)) values[name] = spec.value ? (spec.multiple ? [] : undefined) : false;
  const positionals: string[] = [];

  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--help" || arg === "-h") return { options: values as OptionValues<S>, positionals, help: true };
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    const long = arg.startsWith("--");
    const equals = long ? arg.indexOf("=") : -1;
    const written = equals < 0 ? arg : arg.slice(0, equals);
    const name = long ? written.slice(2) : byShort.get(written.slice(1));
    const spec = name === undefined || !Object.prototype.hasOwnProperty.call(specs, name) ? undefined : specs[name];
    if (name === undefined || !spec) throw new ArgsError(`${bilingual("cli.unknownOption", {})}: ${written}`);
    if (!spec.value) {
      if (equals >= 0) throw new ArgsError(bilingual("cli.takesNoValue", { option: written }));
      values[name] = true;
      continue;
    }
    let value: string | undefined;
    if (equals >= 0) value = arg.slice(equals + 1);
    else if (i + 1 < args.length && !looksLikeOption(args[i + 1])) value = args[++i];
    if (value === undefined || value === "") throw new ArgsError(bilingual("cli.needsValue", { option: written }));
    if (spec.multiple) (values[name] as string[]).push(value);
    else if (values[name] !== undefined) throw new ArgsError(bilingual("cli.onlyOnce", { option: written }));
    else values[name] = value;
  }
  return { options: values as OptionValues<S>, positionals, help: false };
}

/** "--json" or "-x", not a lone "-" nor a negative number. */
function looksLikeOption(arg: string): boolean {
  return arg.length > 1 && arg.startsWith("-") && !/^-\d/.test(arg);
}
