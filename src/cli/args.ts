// A strict argument parser: every option is declared per command, anything else (and any option given twice) is a
// usage error (exit 2).
// Hand-written rather than util.parseArgs so each error has the catalogue's exact wording.
import { cliMessages } from "./messages.js";
import { UsageError } from "./io.js";

export interface OptionSpec {
  names: readonly string[];
  takesValue: boolean;
}

export interface Parsed<K extends string> {
  positionals: string[];
  values: Partial<Record<K, string | true>>;
}

export function parseArgs<K extends string>(
  command: string,
  argv: readonly string[],
  spec: Record<K, OptionSpec>,
): Parsed<K> {
  const positionals: string[] = [];
  const values: Partial<Record<K, string | true>> = {};
  const keys = Object.keys(spec) as K[];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const key = keys.find((k) => spec[k].names.includes(name));
    if (key === undefined) throw new UsageError(cliMessages.C002_UNKNOWN_OPTION(command, name));
    // `-d a -d b` would silently keep one of them: which one the user meant is a guess.
    if (values[key] !== undefined) throw new UsageError(cliMessages.C020_REPEATED_OPTION(command, name));
    if (!spec[key].takesValue) {
      if (eq !== -1) throw new UsageError(cliMessages.C009_UNEXPECTED_VALUE(command, name));
      values[key] = true;
      continue;
    }
    const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === "" || (eq === -1 && value.startsWith("-"))) {
      throw new UsageError(cliMessages.C003_MISSING_VALUE(command, name));
    }
    values[key] = value;
  }
  return { positionals, values };
}
