// Shared by transform and explain: compile every file with its options, one at a time, with progress. Outcomes
// are returned once all files are done, so output never interleaves with the progress line.
import type { BabelFileResult, TransformOptions } from "@babel/core";
import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import type { Options as PluginOptions } from "../plugin/index.js";
import { loadBabel, optionsFor } from "./babel.js";
import type { SourceFile } from "./files.js";
import { UsageError, type CliIO } from "./io.js";
import { cliCode, cliMessages, notes } from "./messages.js";
import { createProgress } from "./progress.js";

export interface FileOutcome {
  file: SourceFile;
  /** Path as shown to the user: relative to the working directory. */
  display: string;
  result?: BabelFileResult;
  /** Babel's message, code frame included, with the absolute path shortened to `display`. */
  error?: string;
  /**
   * The error's code: the plugin's (`UNPROXY_E004` when it refused the file), Babel's own (`BABEL_PARSE_ERROR`),
   * or `UNPROXY_C025` when the file could not be read.
   */
  errorCode?: string;
  ignored?: boolean;
}

export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith("..") ? path : rel;
}

function isReadError(error: unknown): boolean {
  return typeof (error as { syscall?: unknown } | null)?.syscall === "string";
}

function describeError(error: unknown, file: SourceFile, display: string): string {
  // A file that cannot be read (permissions, a dangling path) says why in the catalogue's words, not Node's.
  if (isReadError(error)) {
    return cliMessages.C025_CANNOT_READ(display, error);
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.startsWith(file.path) ? display + message.slice(file.path.length) : message;
}

export async function compileFiles(
  io: CliIO,
  command: string,
  files: readonly SourceFile[],
  pluginOptionsFor: (file: SourceFile) => PluginOptions,
  babelOverrides: TransformOptions = {},
): Promise<FileOutcome[]> {
  const babel = await loadBabel();
  const outcomes: FileOutcome[] = [];
  const progress = createProgress(io, command, files.length);
  try {
    for (const file of files) {
      const display = displayPath(file.path, io.cwd);
      let outcome: FileOutcome;
      try {
        const options = await optionsFor(babel, file.path, io.cwd, display, pluginOptionsFor(file));
        if (options === undefined) {
          io.stderr(notes.ignored(display) + "\n");
          outcome = { file, display, ignored: true };
        } else {
          const code = await readFile(file.path, "utf8");
          const result = await babel.transformAsync(code, { ...options, ...babelOverrides });
          outcome = result ? { file, display, result } : { file, display, ignored: true };
        }
      } catch (error) {
        // Missing Babel or presets are setup problems, not problems of this file: stop with the fix.
        if (error instanceof UsageError) throw error;
        const code = isReadError(error) ? cliCode("C025_CANNOT_READ") : (error as { code?: unknown } | null)?.code;
        outcome = { file, display, error: describeError(error, file, display) };
        if (typeof code === "string") outcome.errorCode = code;
      }
      progress.tick();
      outcomes.push(outcome);
    }
  } finally {
    progress.done();
  }
  return outcomes;
}
