"use strict";
// Prints a generated program. variant "plugin": markers as the plugin reads them (comments and captureContext calls);
// variant "fallback": every marked closure handed to the runtime's captureContext, which the plugin never sees.

// The helpers every program uses, one fresh set per run (they are context-neutral: they never read a context).
// Kept out of the printed source so Babel does not re-parse them for every program.
function makePrelude() {
  const out = [];
  const show = (v) => {
    try {
      // Functions print as "fn": their source differs between the two variants by construction.
      if (typeof v === "function") return "fn";
      return typeof v === "object" && v !== null ? JSON.stringify(v) : String(v);
    } catch (e) {
      return "!" + e.name;
    }
  };
  // Capped: a runaway program must not eat the heap (both variants hit the same cap).
  const log = (...a) => void (out.length < 500 ? out.push(a.map(show).join(" ")) : (out[500] = "…"));
  const report = (e) => log("E", e && e.name, e && e.message);
  // Calls f, logging a throw or a rejection: every hand-off goes through here so no error escapes the program.
  // A generator's result is iterated here, in the caller's context, which is where the fallback must still read the
  // creation context.
  const call = (f, ...a) => {
    try {
      const r = f(...a);
      if (r && typeof r.then === "function") r.then(undefined, report);
      if (r && typeof r[Symbol.iterator] === "function" && typeof r.next === "function") {
        for (const v of r) log("y", v);
      } else if (r && typeof r[Symbol.asyncIterator] === "function") {
        (async () => {
          for await (const v of r) log("y", v);
        })().catch(report);
      }
      return r;
    } catch (e) {
      report(e);
    }
  };
  const q = [];
  let drains = 0;
  const drain = () => {
    if (++drains > 60) return; // same reason as emit: a queued closure may drain after an await
    for (const f of q.splice(0)) call(f);
  };
  const listeners = [];
  const on = (f) => void listeners.push(f);
  // Bounded and not re-entrant: a listener that emits (now, or after an await) would otherwise loop for ever, and
  // with several listeners grow exponentially.
  let emitting = false;
  let emits = 0;
  const emit = (x) => {
    if (emitting) return log("emit: re-entrant, skipped");
    if (++emits > 30) return;
    emitting = true;
    try {
      for (const f of listeners.slice()) call(f, x);
    } finally {
      emitting = false;
    }
  };
  const later = (f, x) => void setTimeout(() => call(f, x), 0);
  const tick = () => new Promise((r) => setTimeout(r, 0));
  return { out, log, report, call, q, drain, on, emit, later, tick };
}
const PRELUDE_NAMES = "log, report, call, q, drain, on, emit, later, tick";

function printFn(node, variant, indent) {
  const fnHead = `function${node.isGen ? "*" : ""} (${node.params})`;
  const head = `${node.isAsync ? "async " : ""}${node.arrow ? `(${node.params}) =>` : fnHead}`;
  const src = `${head} ${print(node.body, variant, indent)}`;
  const m = node.mark;
  if (!m) return node.arrow ? `(${src})` : src;
  if (variant === "fallback") return `captureContext(${src})`;
  switch (m.form) {
    case "comment": return `/* @unproxy */ ${src}`;
    case "jsdoc": return `/** @unproxy */ (${src})`;
    case "line": return `// @unproxy\n${" ".repeat(indent + 2)}${src}`;
    case "list": return `/* @unproxy ${m.names.join(", ")} */ ${src}`;
    case "call-ns": return `rt.captureContext(${src})`;
    case "call-seq": return `(0, captureContext)(${src})`;
    case "decl": return `/* @unproxy */ ${src}`; // a decl form printed without its declaration
    default: return `captureContext(${src})`;
  }
}

function print(node, variant, indent = 0) {
  if (typeof node === "string") return node;
  switch (node.t) {
    case "seq": return node.parts.map((p) => print(p, variant, indent)).join("");
    case "block": {
      if (!node.stmts.length) return "{}";
      const pad = " ".repeat(indent + 2);
      const lines = node.stmts.map((s) => pad + print(s, variant, indent + 2));
      return `{\n${lines.join("\n")}\n${" ".repeat(indent)}}`;
    }
    case "fn": return printFn(node, variant, indent);
    case "decl": {
      if (variant === "plugin" && node.fn.mark.form === "decl") {
        return `/** @unproxy */ ${node.kind} ${node.name} = ${printFn({ ...node.fn, mark: null }, variant, indent)};`;
      }
      return `${node.kind} ${node.name} = ${printFn(node.fn, variant, indent)};`;
    }
    default: throw new Error(`unknown node ${node.t}`);
  }
}

/**
 * The whole program. form "esm": ES module importing the runtime as users do; "script": CommonJS with require (what
 * the plugin sees in an untranspiled CommonJS file, and what runs as is without Babel).
 */
function printProgram(program, variant, form = "esm") {
  const body = program.body.map((s) => "  " + print(s, variant, 2)).join("\n");
  const head = form === "esm"
    ? [
      `import { createContext, contextProxy, captureContext } from "unproxy";`,
      `import * as rt from "unproxy";`,
      `import { ${PRELUDE_NAMES} } from "fuzz-prelude";`,
    ]
    : [
      `"use strict";`,
      `const { createContext, contextProxy, captureContext } = require("unproxy");`,
      `const rt = require("unproxy");`,
      `const { ${PRELUDE_NAMES} } = require("fuzz-prelude");`,
    ];
  return [
    ...head,
    ...program.header,
    `${form === "esm" ? "export default " : ""}async function main() {`,
    body,
    `}`,
    form === "esm" ? "" : "exports.default = main;\n",
  ].join("\n");
}

module.exports = { print, printProgram, makePrelude, PRELUDE_SOURCE: makePrelude.toString() };
