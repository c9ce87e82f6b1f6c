// Expands the command line's files and directories into the source files to compile, each with the root it was
// found under (so --out-dir can mirror paths the way `babel src --out-dir lib` does).
import { readdirSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { cliMessages } from "./messages.js";
import { UsageError } from "./io.js";

export interface SourceFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the input root: the directory given, or the file's own directory for a file given. */
  relative: string;
}

const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const DECLARATION = /\.d\.[cm]?ts$/;
// Build output and dependencies are never user sources; hidden directories are tool state (.git, .cache…).
const SKIPPED_DIRS = new Set(["node_modules", "dist"]);

export function isSourceFile(name: string): boolean {
  return SOURCE.test(name) && !DECLARATION.test(name);
}

function walk(dir: string, root: string, out: SourceFile[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith(".")) walk(path, root, out);
    } else if (entry.isFile() && isSourceFile(entry.name)) {
      out.push({ path, relative: relative(root, path) });
    }
  }
}

/** The source files a command was given (directories walked); a usage error when there are none. */
export function collectFiles(command: string, inputs: readonly string[], cwd: string): SourceFile[] {
  if (inputs.length === 0) throw new UsageError(cliMessages.C004_NO_INPUT(command));
  const out: SourceFile[] = [];
  for (const input of inputs) {
    const path = resolve(cwd, input);
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new UsageError(cliMessages.C005_NOT_FOUND(input));
    }
    if (stats.isDirectory()) walk(path, path, out);
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
