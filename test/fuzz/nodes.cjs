"use strict";
// The program tree: statements are strings or fragments; a function node carries its marker (if any), which the
// printer renders per variant. Kept as plain data so a reproducer can be printed and inspected.

/** Inline concatenation of strings and nodes. */
const seq = (...parts) => ({ t: "seq", parts });
/** A `{ … }` block of statements, printed one per line and indented. */
const block = (stmts) => ({ t: "block", stmts });
/**
 * A function expression. `mark` is null (unmarked) or { form, names } where form is one of "comment", "line",
 * "jsdoc", "list" (an explicit name list), "call" (captureContext(fn)), "call-ns" (rt.captureContext(fn)),
 * "call-seq" ((0, captureContext)(fn)).
 */
const fn = ({ mark = null, isAsync = false, isGen = false, arrow = true, params = "", body }) => ({
  t: "fn", mark, isAsync, isGen, arrow, params, body,
});
/** `kind name = fn;` whose marker, if a comment, sits on the declaration (`/** @unproxy *\/ const cb = …`). */
const markedDecl = (kind, name, f) => ({ t: "decl", kind, name, fn: f });

module.exports = { seq, block, fn, markedDecl };
