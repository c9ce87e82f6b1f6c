// One file through `unproxy check`: parse with Babel (no user config: checking must not depend on a build setup),
// find the hand-offs, and apply the fix (the marker before each closure).
import type * as BabelCore from "@babel/core";
import type { NodePath, types as t } from "@babel/core";
import { findHandOffs, type HandOff } from "./analyse.js";
import { MARKER, type ResolvedCheckOptions } from "./deferring.js";

export type { HandOff } from "./analyse.js";
export { DEFAULT_DEFERRING, checkOptionsProblem, resolveCheckOptions, type CheckOptions } from "./deferring.js";

type Babel = typeof BabelCore;

function parserPlugins(filename: string): ("typescript" | "jsx")[] {
  if (/\.[cm]?tsx$/.test(filename)) return ["typescript", "jsx"];
  if (/\.[cm]?ts$/.test(filename)) return ["typescript"];
  return ["jsx"];
}

/** Throws Babel's syntax error (with its code frame) for a file that does not parse. */
export function checkSource(babel: Babel, code: string, filename: string, options: ResolvedCheckOptions): HandOff[] {
  const ast = babel.parseSync(code, {
    filename,
    configFile: false,
    babelrc: false,
    sourceType: "unambiguous",
    parserOpts: { plugins: parserPlugins(filename) },
  });
  if (!ast) return [];
  let program: NodePath<t.Program> | undefined;
  babel.traverse(ast, {
    Program(path) {
      program = path;
      path.stop();
    },
  });
  return program ? findHandOffs(program, options) : [];
}

/** The source with the marker inserted before each closure. */
export function applyFixes(code: string, handOffs: readonly HandOff[]): string {
  let out = code;
  for (const offset of [...new Set(handOffs.map((h) => h.offset))].sort((a, b) => b - a)) {
    out = out.slice(0, offset) + MARKER + out.slice(offset);
  }
  return out;
}
