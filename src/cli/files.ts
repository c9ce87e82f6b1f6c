// Expands the command line's files and directories into the source files to compile, each with the root it was
// found under (so --out-dir can mirror paths the way `babel src --out-dir lib` does).
import { readdirSync, statSync, type Dirent } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { cliMessages } from "./messages.js";
import { UsageError } from "./io.js";

export interface SourceFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the input root: the directory given, or the file's own directory for a file given. */
  relative: string;
}

export interface CollectOptions {
  /** Absolute directories never walked into (transform's --out-dir, wherever it sits in the input). */
  skipDirs?: readonly string[];
}

const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const DECLARATION = /\.d\.[cm]?ts$/;
// Build output and dependencies are never user sources; hidden entries are tool state (.git, .cache) or tool config
// (.eslintrc.js). Symbolic links are not followed (a link can loop, or lead out of the tree): neither a link to a
// file nor one to a directory is a Dirent file or directory, so both are skipped.
const SKIPPED_DIRS = new Set(["node_modules", "dist"]);

export function isSourceFile(name: string): boolean {
  return SOURCE.test(name) && !DECLARATION.test(name);
}

/** A file-system error (ELOOP, EACCES…) on an input, as a coded usage error; a missing path keeps its own message. */
export function inputError(display: string, error: unknown): UsageError {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT") return new UsageError(cliMessages.C005_NOT_FOUND(display));
  return new UsageError(cliMessages.C025_CANNOT_READ(display, error));
}

function readDir(dir: string, cwd: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw inputError(relative(cwd, dir) || ".", error);
  }
}

function walk(dir: string, root: string, cwd: string, skip: ReadonlySet<string>, out: SourceFile[]): void {
  const entries = readDir(dir, cwd).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !skip.has(path)) walk(path, root, cwd, skip, out);
    } else if (entry.isFile() && isSourceFile(entry.name)) {
      out.push({ path, relative: relative(root, path) });
    }
  }
}

/** The source files a command was given (directories walked); a usage error when there are none. */
export function collectFiles(
  command: string,
  inputs: readonly string[],
  cwd: string,
  options: CollectOptions = {},
): SourceFile[] {
  if (inputs.length === 0) throw new UsageError(cliMessages.C004_NO_INPUT(command));
  const skip = new Set(options.skipDirs ?? []);
  const out: SourceFile[] = [];
  for (const input of inputs) {
    const path = resolve(cwd, input);
    let stats;
    try {
      stats = statSync(path);
    } catch (error) {
      throw inputError(input, error);
    }
    if (stats.isDirectory()) walk(path, path, cwd, skip, out);
    // A file named explicitly is compiled whatever its extension: the user asked for it.
    else out.push({ path, relative: relative(dirname(path), path) || basename(path) });
  }
  const seen = new Set<string>();
  const files = out.filter((file) => !seen.has(file.path) && seen.add(file.path));
  if (files.length === 0) throw new UsageError(cliMessages.C006_NO_FILES(command));
  return files;
}

/** The output name of a compiled file: TypeScript and JSX become JavaScript; .mts/.cts keep their module kind. */
export function outputName(relativePath: string): string {
  return relativePath.replace(/\.(?:ts|tsx|jsx)$/, ".js").replace(/\.mts$/, ".mjs").replace(/\.cts$/, ".cjs");
}
