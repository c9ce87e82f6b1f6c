// unproxy transform <files|dirs> [--out-dir d]. Every check that can refuse runs before anything is written: the out
// dir is a directory and holds no input tree, no output overwrites an input, no two inputs share an output.
import { mkdirSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { parseArgs } from "./args.js";
import { collectFiles, outputName, type SourceFile } from "./files.js";
import { OutputError, UsageError, writeFileAtomically, type CliIO } from "./io.js";
import { cliMessages, notes, TRANSFORM_HELP } from "./messages.js";
import { compileFiles, displayPath, type FileOutcome } from "./run-files.js";

function isInside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

/** The out dir, or its nearest existing ancestor, must be a directory (`-d notes.txt`, EEXIST / ENOTDIR later). */
function checkOutDir(outDir: string, io: CliIO, given: string): void {
  for (let dir = outDir; ; dir = dirname(dir)) {
    let stats;
    try {
      stats = statSync(dir);
    } catch {
      if (dirname(dir) === dir) return;
      continue;
    }
    if (!stats.isDirectory()) throw new UsageError(cliMessages.C024_OUT_DIR_NOT_DIR(given, displayPath(dir, io.cwd)));
    return;
  }
}

/** Each file's output path, refusing overwritten inputs and shared outputs. */
function plan(files: readonly SourceFile[], outDir: string, io: CliIO): Map<SourceFile, string> {
  const inputs = new Set(files.map((file) => file.path));
  const byTarget = new Map<string, SourceFile>();
  const targets = new Map<SourceFile, string>();
  for (const file of files) {
    const target = join(outDir, outputName(file.relative));
    if (inputs.has(target)) throw new UsageError(cliMessages.C022_OVERWRITES_INPUT(displayPath(target, io.cwd)));
    const other = byTarget.get(target);
    if (other !== undefined) {
      const show = (path: string) => displayPath(path, io.cwd);
      throw new UsageError(cliMessages.C023_SAME_OUTPUT(show(other.path), show(file.path), show(target)));
    }
    byTarget.set(target, file);
    targets.set(file, target);
  }
  return targets;
}

export async function transformCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { positionals, values } = parseArgs("transform", argv, {
    outDir: { names: ["-d", "--out-dir"], takesValue: true },
    sourceMaps: { names: ["-s", "--source-maps"], takesValue: false },
    help: { names: ["-h", "--help"], takesValue: false },
  });
  if (values.help) {
    io.stdout(TRANSFORM_HELP);
    return 0;
  }
  const outDir = typeof values.outDir === "string" ? resolve(io.cwd, values.outDir) : undefined;
  if (outDir !== undefined) {
    checkOutDir(outDir, io, values.outDir as string);
    for (const input of positionals) {
      const path = resolve(io.cwd, input);
      let isDirectory = false;
      try {
        isDirectory = statSync(path).isDirectory();
      } catch {
        // collectFiles reports unreadable inputs.
      }
      if (isDirectory && isInside(path, outDir)) {
        throw new UsageError(cliMessages.C021_OUT_DIR_IS_INPUT(values.outDir as string, input));
      }
    }
  }
  // An out dir inside an input is skipped wherever it is: compiling last run's output again would nest it.
  const files = collectFiles("transform", positionals, io.cwd, { skipDirs: outDir === undefined ? [] : [outDir] });
  const targets = outDir === undefined ? undefined : plan(files, outDir, io);

  // Source maps: a .map file next to each output with --out-dir, inline on stdout.
  const sourceMaps = values.sourceMaps ? (outDir === undefined ? "inline" : true) : false;
  const outcomes = await compileFiles(io, "transform", files, () => ({}), { sourceMaps });
  let failed = 0;
  let written = 0;
  const compiled = outcomes.filter((outcome) => outcome.error === undefined && outcome.result?.code != null).length;
  for (const outcome of outcomes) {
    if (outcome.error !== undefined) {
      failed += 1;
      io.stderr(outcome.error + "\n");
      continue;
    }
    const code = outcome.result?.code;
    if (code == null) continue;
    if (targets !== undefined) {
      writeOutput(io, outcome, targets.get(outcome.file)!, code, { written, total: compiled });
      written += 1;
    } else {
      // Several files on stdout: a header line says where each one starts, like `babel src` does.
      io.stdout((files.length > 1 ? `// ${outcome.display}\n` : "") + code + "\n");
      written += 1;
    }
  }
  if (outDir !== undefined) io.stderr(notes.wrote(written, displayPath(outDir, io.cwd)) + "\n");
  if (failed > 0) io.stderr(notes.failed("transform", failed, outcomes.length) + "\n");
  if (failed > 0) return 1;
  // Every file ignored by the Babel config: exiting 0 would tell a build script all went well.
  if (written === 0) throw new UsageError(cliMessages.C028_NOTHING_WRITTEN());
  return 0;
}

function writeOutput(
  io: CliIO,
  outcome: FileOutcome,
  target: string,
  code: string,
  progress: { written: number; total: number },
): void {
  const write = io.writeFile ?? writeFileAtomically;
  let path = target;
  try {
    mkdirSync(dirname(target), { recursive: true });
    const map = outcome.result?.map;
    if (map) {
      // `sources` relative to the map, so the map keeps working when the tree is moved as a whole.
      map.sources = [relative(dirname(target), outcome.file.path).split(sep).join("/")];
      path = `${target}.map`;
      write(path, JSON.stringify(map));
      path = target;
      write(target, `${code}\n//# sourceMappingURL=${basename(target)}.map\n`);
    } else {
      write(target, code + "\n");
    }
  } catch (error) {
    const display = displayPath(path, io.cwd);
    throw new OutputError(cliMessages.C026_CANNOT_WRITE(display, error, progress.written, progress.total));
  }
}
