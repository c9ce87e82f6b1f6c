// unproxy verify <built files|dirs> [--json]: the guard against "the compiler never ran". The plugin consumes every
// @unproxy comment and inline captureContext(() => …) call it compiles, so any left in built output means the plugin
// did not run on that file. Exit 1 listing each (file:line:column and the line), 0 when none is left.
import { readFile } from "node:fs/promises";
import type { types as t } from "@babel/core";
import { parseArgs } from "./args.js";
import { loadBabel, type Babel } from "./babel.js";
import { collectFiles } from "./files.js";
import type { CliIO } from "./io.js";
import { cliMessages, notes, VERIFY_HELP } from "./messages.js";
import { createProgress } from "./progress.js";
import { displayPath } from "./run-files.js";

export interface Leftover {
  line: number;
  column: number;
  kind: "comment" | "call";
  /** The source line it is on, trimmed and shortened. */
  text: string;
}

// The plugin's comment tag (anchored at the start of the comment or of one of its lines, on a tag boundary).
const TAG = /(?:^|\n)[\s*]*@unproxy(?![\w$@.-])/;
// Bundlers rename a clashing import (captureContext$1, captureContext2); a namespace member keeps the name.
const CAPTURE_NAME = /^captureContext(?:\$?\d+)?$/;

function isCaptureCallee(callee: t.Node): boolean {
  if (callee.type === "Identifier") return CAPTURE_NAME.test(callee.name);
  if (callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression") {
    return !callee.computed && callee.property.type === "Identifier" && callee.property.name === "captureContext";
  }
  // (0, _unproxy.captureContext)(…) after a CommonJS transform.
  if (callee.type === "SequenceExpression") return isCaptureCallee(callee.expressions.at(-1)!);
  return false;
}

function isInlineFunction(node: t.Node | undefined): boolean {
  return node?.type === "ArrowFunctionExpression" || node?.type === "FunctionExpression";
}

/** Every @unproxy comment and inline captureContext(function) call in one built file, in source order. */
export function findLeftovers(babel: Babel, code: string, filename: string): Leftover[] {
  if (!code.includes("@unproxy") && !code.includes("captureContext")) return [];
  const ast = babel.parseSync(code, {
    filename,
    configFile: false,
    babelrc: false,
    browserslistConfigFile: false,
    sourceType: "unambiguous",
    parserOpts: { plugins: ["jsx"] },
  })!;
  const lines = code.split("\n");
  const found: Leftover[] = [];
  const add = (kind: Leftover["kind"], loc: t.SourceLocation | null | undefined) => {
    if (!loc) return;
    const line = lines[loc.start.line - 1]!.trim();
    const text = line.length > 100 ? line.slice(0, 97) + "..." : line;
    found.push({ kind, line: loc.start.line, column: loc.start.column + 1, text });
  };
  for (const comment of ast.comments ?? []) if (TAG.test(comment.value)) add("comment", comment.loc);
  const stack: unknown[] = [ast.program];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (!node || typeof node !== "object" || typeof (node as t.Node).type !== "string") continue;
    const n = node as t.Node;
    if ((n.type === "CallExpression" || n.type === "OptionalCallExpression") && isCaptureCallee(n.callee) &&
      isInlineFunction(n.arguments[0])) {
      add("call", n.loc);
    }
    for (const [key, value] of Object.entries(n)) {
      if (key !== "loc" && key !== "leadingComments" && key !== "trailingComments" && key !== "innerComments") {
        if (value && typeof value === "object") stack.push(value);
      }
    }
  }
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}

export async function verifyCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { positionals, values } = parseArgs("verify", argv, {
    json: { names: ["--json"], takesValue: false },
    help: { names: ["-h", "--help"], takesValue: false },
  });
  if (values.help) {
    io.stdout(VERIFY_HELP);
    return 0;
  }
  const files = collectFiles("verify", positionals, io.cwd);
  const babel = await loadBabel();
  const findings: (Leftover & { file: string })[] = [];
  const errors: { file: string; message: string }[] = [];
  const filesWith = new Set<string>();
  const progress = createProgress(io, "verify", files.length);
  try {
    for (const file of files) {
      const display = displayPath(file.path, io.cwd);
      try {
        for (const leftover of findLeftovers(babel, await readFile(file.path, "utf8"), file.path)) {
          findings.push({ file: display, ...leftover });
          filesWith.add(display);
        }
      } catch (error) {
        const message = (error as Error).message;
        errors.push({ file: display, message: message.startsWith(file.path) ? display + message.slice(file.path.length) : message });
      }
      progress.tick();
    }
  } finally {
    progress.done();
  }

  if (values.json) {
    io.stdout(JSON.stringify({
      findings: findings.map((finding) => ({ code: "UNPROXY_C013", ...finding })),
      errors: errors.map((error) => ({ code: "UNPROXY_C014", ...error })),
    }, null, 2) + "\n");
  } else {
    const lines = findings.map((f) => cliMessages.C013_MARKER_LEFT(`${f.file}:${f.line}:${f.column}`, f.kind, f.text));
    for (const error of errors) lines.push(`error: ${cliMessages.C014_CANNOT_VERIFY(error.message)}`);
    if (lines.length > 0) io.stdout(lines.join("\n") + "\n\n");
    io.stdout(
      (findings.length > 0 ? notes.verifyFound(findings.length, filesWith.size, files.length) : notes.verifyClean(files.length)) + "\n",
    );
  }
  return findings.length > 0 || errors.length > 0 ? 1 : 0;
}
