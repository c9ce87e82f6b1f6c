// unproxy check <files|dirs> [--fix] [--json]: unmarked closures handed to deferring APIs (src/check), exit 1 when
// any is found or a file cannot be parsed, 0 when clean. --fix marks them and exits 0 once all are marked.
import { readFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import {
  applyFixes,
  checkOptionsProblem,
  checkSource,
  resolveCheckOptions,
  type CheckOptions,
  type HandOff,
} from "../check/index.js";
import { parseArgs } from "./args.js";
import { loadBabel } from "./babel.js";
import { collectFiles } from "./files.js";
import { UsageError, type CliIO } from "./io.js";
import { CHECK_HELP, cliMessages, notes } from "./messages.js";
import { createProgress } from "./progress.js";
import { displayPath } from "./run-files.js";

function readOptions(config: string | undefined, deferring: string | undefined, cwd: string): CheckOptions {
  let options: Record<string, unknown> = {};
  if (config !== undefined) {
    try {
      options = JSON.parse(readFileSync(resolve(cwd, config), "utf8"));
    } catch (error) {
      throw new UsageError(cliMessages.C011_BAD_CHECK_OPTIONS(`"${config}"`, (error as Error).message));
    }
    const problem = checkOptionsProblem(options);
    if (problem) throw new UsageError(cliMessages.C011_BAD_CHECK_OPTIONS(`"${config}"`, problem));
  }
  if (deferring !== undefined) {
    const extra = deferring.split(",").map((entry) => entry.trim()).filter((entry) => entry !== "");
    const problem = checkOptionsProblem({ additionalDeferring: extra });
    // Worded for the flag, not for the option it feeds.
    if (problem) throw new UsageError(cliMessages.C011_BAD_CHECK_OPTIONS("--deferring", problem.replace(/^\.\w+: /, "")));
    options = { ...options, additionalDeferring: [...((options.additionalDeferring as string[]) ?? []), ...extra] };
  }
  return options as CheckOptions;
}

export async function checkCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { positionals, values } = parseArgs("check", argv, {
    fix: { names: ["--fix"], takesValue: false },
    json: { names: ["--json"], takesValue: false },
    deferring: { names: ["--deferring"], takesValue: true },
    config: { names: ["--config"], takesValue: true },
    help: { names: ["-h", "--help"], takesValue: false },
  });
  if (values.help) {
    io.stdout(CHECK_HELP);
    return 0;
  }
  const options = resolveCheckOptions(
    readOptions(values.config as string | undefined, values.deferring as string | undefined, io.cwd));
  const files = collectFiles("check", positionals, io.cwd);
  const babel = await loadBabel();

  const findings: { file: string; handOff: HandOff }[] = [];
  const errors: { file: string; message: string }[] = [];
  let filesFound = 0;
  let filesFixed = 0;
  const progress = createProgress(io, "check", files.length);
  try {
    for (const file of files) {
      const display = displayPath(file.path, io.cwd);
      const code = await readFile(file.path, "utf8");
      let handOffs: HandOff[];
      try {
        handOffs = checkSource(babel, code, file.path, options);
      } catch (error) {
        const message = (error as Error).message;
        errors.push({ file: display, message: message.startsWith(file.path) ? display + message.slice(file.path.length) : message });
        progress.tick();
        continue;
      }
      if (handOffs.length > 0) filesFound += 1;
      for (const handOff of handOffs) findings.push({ file: display, handOff });
      if (values.fix && handOffs.length > 0) {
        await writeFile(file.path, applyFixes(code, handOffs));
        filesFixed += 1;
      }
      progress.tick();
    }
  } finally {
    progress.done();
  }

  if (values.json) {
    io.stdout(JSON.stringify({
      findings: findings.map(({ file, handOff: h }) => ({
        code: "UNPROXY_C010", file, line: h.line, column: h.column, names: h.names, api: h.api,
        call: { line: h.callLine, column: h.callColumn }, fixed: Boolean(values.fix),
      })),
      errors: errors.map((error) => ({ code: "UNPROXY_C012", ...error })),
    }, null, 2) + "\n");
  } else {
    const lines = findings.map(({ file, handOff: h }) =>
      cliMessages.C010_UNMARKED_HANDOFF(`${file}:${h.line}:${h.column}`, h.names, h.api, h.callLine));
    for (const error of errors) lines.push(`error: ${cliMessages.C012_CANNOT_PARSE(error.message)}`);
    if (lines.length > 0) io.stdout(lines.join("\n") + "\n\n");
    if (values.fix && findings.length > 0) io.stdout(notes.checkFixed(findings.length, filesFixed) + "\n");
    else if (findings.length > 0) io.stdout(notes.checkFound(findings.length, filesFound, files.length) + "\n");
    else io.stdout(notes.checkClean(files.length) + "\n");
  }
  const unresolved = values.fix ? 0 : findings.length;
  return unresolved > 0 || errors.length > 0 ? 1 : 0;
}
