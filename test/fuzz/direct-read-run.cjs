"use strict";
// Runs the direct-read fuzz's programs (direct-read.cjs) twice: against the real runtime and against a *reference*
// runtime in which every fast path the plugin may emit is replaced by its generic definition. Both runs execute the
// same compiled code, so any difference in what they print is a fast path that changed meaning.
const babel = require("@babel/core");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

/**
 * The generic definition of every fast path: what the plugin's output must mean, whatever it emits. unproxy() and
 * unproxyIfBound() themselves are redefined from the registry every runtime copy shares (state.ts), without the real
 * runtime's memory of the last proxy, so that cache is checked too; everything else is the real runtime.
 */
function referenceRuntime(real) {
  // Self-contained: its source is also written out for module-graph runs.
  const UNBOUND = Symbol.for("unproxy.unbound");
  const registry = () => globalThis[Symbol.for("unproxy.state")].proxies;
  const unproxy = (value) => {
    const current = typeof value === "function" ? registry().get(value) : undefined;
    return current === undefined ? value : current();
  };
  const unproxyIfBound = (value) => {
    const current = typeof value === "function" ? registry().get(value) : undefined;
    if (current === undefined) return value;
    try {
      const result = current(UNBOUND);
      return result === UNBOUND ? value : result;
    } catch (error) {
      if (error?.code === "UNPROXY_UNBOUND") return value;
      throw error;
    }
  };
  return {
    ...real,
    unproxy,
    unproxyIfBound,
    unproxyFrom: (proxy, _context) => unproxy(proxy),
    unproxyIfBoundFrom: (proxy, _context) => unproxyIfBound(proxy),
    unproxyValueOf: () => undefined,
    unproxyOr: (proxy, _value) => unproxy(proxy),
    unproxyIfBoundOr: (proxy, _value) => unproxyIfBound(proxy),
    unproxyScope: () => undefined,
    unproxyIn: (_scope, value) => unproxy(value),
    unproxyIfBoundIn: (_scope, value) => unproxyIfBound(value),
  };
}

/** The same, as an ES module package for Node (node_modules/unproxy of a module-graph run); `dist` is the repo's. */
function writeReferencePackage(dir, distEntry) {
  const real = JSON.stringify(require("node:url").pathToFileURL(distEntry).href);
  const generic = JSON.stringify(require("node:url").pathToFileURL(path.join(dir, "generic.cjs")).href);
  fs.writeFileSync(path.join(dir, "generic.cjs"), `module.exports = (${referenceRuntime.toString()})({});\n`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "unproxy", type: "module", exports: "./index.js" }));
  fs.writeFileSync(
    path.join(dir, "index.js"),
    `export * from ${real};\nimport generic from ${generic};\n` +
      `export const { unproxy, unproxyIfBound, unproxyFrom, unproxyIfBoundFrom, unproxyValueOf, unproxyOr, ` +
      `unproxyIfBoundOr, unproxyScope, unproxyIn, unproxyIfBoundIn } = generic;\n`,
  );
  return dir;
}

/**
 * What every program imports as `./prelude.mjs` (`__p`): labelled objects, the log, the closures to settle and the
 * re-entrance hook. Self-contained (its source is also written out as an ES module), given the runtime it runs on.
 */
function makePrelude(runtime) {
  const labels = new WeakMap();
  const named = new Map();
  const log = [];
  const recorded = [];
  const pending = [];
  const contexts = [];
  const makers = [];
  let counter = 0;
  let depth = 0;
  // Async makers re-enter after the depth is back to 0: a budget ends the chain.
  let reentries = 0;
  const obj = (label) => {
    const value = { name: label };
    labels.set(value, label);
    return value;
  };
  const fresh = (label) => obj(`${label}#${++counter}`);
  const tag = (value, label) => {
    if ((typeof value === "object" && value !== null) || typeof value === "function") labels.set(value, label);
    named.set(label, value);
    return value;
  };
  const show = (value) => {
    if ((typeof value === "object" && value !== null) || typeof value === "function") {
      if (!labels.has(value)) labels.set(value, `anonymous#${++counter}`);
      return labels.get(value);
    }
    if (typeof value === "symbol") return value.toString();
    return typeof value === "string" ? JSON.stringify(value) : String(value);
  };
  const thrown = (error) =>
    error !== null && typeof error === "object"
      ? `threw ${error.name} ${error.code ?? "-"} ${error.message}`
      : `threw ${show(error)}`;
  const record = (label, made) => {
    if (Object.prototype.toString.call(made) === "[object Promise]") {
      pending.push(made.then((f) => record(label, f), (error) => log.push(`${label}: ${thrown(error)}`)));
    } else {
      recorded.push([label, made]);
      log.push(`${label}: made ${typeof made}`);
    }
  };
  /** Calls make() and records the closure it returns, or what it threw. */
  const make = (label, maker) => {
    try {
      record(label, maker());
    } catch (error) {
      log.push(`${label}: ${thrown(error)}`);
    }
  };
  const bindings = {
    obj: (c) => fresh(`${c.name}-value`),
    num: () => 7,
    str: () => "text",
    nul: () => null,
    undef: () => undefined,
    fn: (c) => tag(function bound() {}, `${c.name}-fn#${++counter}`),
  };
  /** Runs fn with each [contextLabel, kind] bound, outermost first; a kind may name a value tagged earlier. */
  const within = (spec, fn) => {
    if (spec.length === 0) return fn();
    const [[label, kind], ...rest] = spec;
    const found = contexts.filter(([name]) => name === label);
    if (found.length === 0) return within(rest, fn);
    const context = found[found.length - 1][1];
    const value = kind in bindings ? bindings[kind](context) : named.get(kind);
    return context.run(value, () => within(rest, fn));
  };
  /** Called by re-entrant getters: every maker again, with the first two contexts bound to other objects. */
  const reenter = (label) => {
    if (depth > 0 || reentries >= 8) return;
    depth++;
    reentries++;
    try {
      const spec = contexts.slice(0, 2).map(([name]) => [name, "obj"]);
      within(spec, () => {
        for (const [name, maker] of makers) make(`${label}>${name}`, maker);
      });
    } finally {
      depth--;
    }
  };
  /** Settles async makers, then calls every closure (outside any run) and returns the printed lines. */
  const finish = async () => {
    while (pending.length > 0) await Promise.allSettled(pending.splice(0));
    for (const [label, closure] of recorded) {
      try {
        const result = typeof closure === "function" ? closure() : closure;
        log.push(`${label} -> ${Array.isArray(result) ? result.map(show).join(", ") : show(result)}`);
      } catch (error) {
        log.push(`${label} -> ${thrown(error)}`);
      }
    }
    return log.join("\n");
  };
  return {
    runtime, obj, fresh, tag, show, log, make, within, reenter, finish,
    context: (label, context) => (contexts.push([label, context]), context),
    maker: (label, fn) => (makers.push([label, fn]), fn),
    say: (line) => log.push(line),
    trapLog: (label) => ({
      get: (target, key, receiver) => (log.push(`${label} trap get ${String(key)}`), Reflect.get(target, key, receiver)),
      has: (target, key) => (log.push(`${label} trap has ${String(key)}`), Reflect.has(target, key)),
    }),
  };
}

const PRELUDE_MODULE = `import * as runtime from "unproxy";\nexport const __p = (${makePrelude.toString()})(runtime);\n`;

/** The plugin's output for one module (an ES module still), or the compile error as text. */
function compile(plugin, source, filename, options, extraPlugins = []) {
  return babel.transformSync(source, {
    filename,
    configFile: false,
    babelrc: false,
    sourceType: "module",
    plugins: [[plugin, options], ...extraPlugins],
  }).code;
}

function toCommonJs(code) {
  return babel.transformSync(code, {
    filename: "/fuzz/program.mjs",
    configFile: false,
    babelrc: false,
    sourceType: "module",
    plugins: [require("@babel/plugin-transform-modules-commonjs")],
  }).code;
}

/**
 * Runs CommonJS code in this process against `runtime`, in this file's realm (under jest, the test's), so the program,
 * the prelude and the runtime share one Promise and one Error.
 */
async function executeInProcess(code, runtime) {
  const prelude = makePrelude(runtime);
  const module = { exports: {} };
  const require = (id) => {
    if (id === "unproxy") return runtime;
    if (id === "./prelude.mjs") return { __p: prelude };
    throw new Error(`fuzz program required ${id}`);
  };
  const run = new Function("exports", "require", "module", code);
  try {
    run(module.exports, require, module);
  } catch (error) {
    prelude.say(`program threw ${error?.name}: ${error?.message}`);
  }
  return prelude.finish();
}

/** The fast-path calls in compiled code, by kind. */
function fastPaths(code) {
  const count = (re) => (code.match(re) ?? []).length;
  return {
    from: count(/\b_unproxy(?:IfBound)?From\d*\(/g),
    valueOf: count(/\b_unproxyValueOf\d*\(/g),
    in: count(/\b_unproxy(?:IfBound)?In\d*\(/g),
  };
}

/**
 * A deliberately wrong fast path, to show the oracle sees one: applied after the plugin, it turns every generic read
 * (`_unproxy(x)`, `_unproxyIn(_s, x)`, keep mode's too) into `unproxyFrom(C1, x)`, a claim that every captured value is C1's proxy.
 */
function wrongProofPlugin({ types: t, template }) {
  const READ = /^_unproxy(IfBound)?(In)?\d*$/;
  return {
    visitor: {
      Program: {
        exit(path) {
          path.unshiftContainer("body", template.statement.ast`import { unproxyFrom as __wrongFrom } from "unproxy";`);
        },
      },
      CallExpression(path) {
        const callee = path.node.callee;
        if (!t.isIdentifier(callee) || !READ.test(callee.name)) return;
        const value = path.node.arguments[callee.name.includes("In") ? 1 : 0];
        path.replaceWith(t.callExpression(t.identifier("__wrongFrom"), [value, t.identifier("C1")]));
        path.skip();
      },
    },
  };
}

/** A temp directory for the reference package of module-graph runs, made once per process. */
let referenceDir;
function referencePackage(root) {
  referenceDir ??= writeReferencePackage(
    fs.mkdtempSync(path.join(os.tmpdir(), "unproxy-reference-")),
    path.join(root, "dist/esm/runtime/index.js"),
  );
  return referenceDir;
}

function removeReferencePackage() {
  if (referenceDir !== undefined) fs.rmSync(referenceDir, { recursive: true, force: true });
  referenceDir = undefined;
}

module.exports = {
  removeReferencePackage,
  referenceRuntime,
  referencePackage,
  makePrelude,
  PRELUDE_MODULE,
  compile,
  toCommonJs,
  executeInProcess,
  fastPaths,
  wrongProofPlugin,
};
