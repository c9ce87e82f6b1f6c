"use strict";
// Runs the plugin with markAll (every function expression and arrow treated as marked) over one real source file and
// classifies the outcome. Shared by scan.mjs (every file in node_modules) and test/real-code (a bounded sample).
//
// Outcomes: "ok" (compiled, output re-parses), "parse-error" (Babel cannot parse the input: fine),
// "diagnostic" (a catalogued UNPROXY_Exxx error: fine), "baseline-error" (Babel fails the same way without the plugin:
// not ours), "crash" (anything else thrown inside the plugin, or output that no longer parses: must never happen).
const fs = require("node:fs");
const path = require("node:path");
const babel = require("@babel/core");

const ROOT = path.resolve(__dirname, "../..");
const DIST = process.env.UNPROXY_DIST || path.join(ROOT, "dist");
const pluginModule = require(path.join(DIST, "cjs/plugin/index.js"));
const plugin = pluginModule.default || pluginModule;

const EXTENSIONS = /\.(js|mjs|cjs|ts|tsx)$/;
const DECLARATIONS = /\.d\.(ts|mts|cts)$/;
const MINIFIED = /\.min\.[cm]?js$/;
// markAll is superlinear on big minified bundles (one 729 kB bundle takes ~19 s): files over 300 kB (33 of ~10,800,
// mostly bundled builds) add time, not coverage, and are counted as skipped.
const MAX_BYTES = 300_000;

/** Parser plugins by extension; plain .js gets a second try with JSX (React sources ship as .js). */
function parserPlugins(file, retry) {
  if (file.endsWith(".tsx")) return ["typescript", "jsx"];
  if (file.endsWith(".ts")) return ["typescript"];
  return retry ? ["jsx"] : [];
}

function transform(code, file, withPlugin, retry, reports) {
  const plugins = withPlugin ? [[plugin, { markAll: true, onReport: (e) => reports.push(e) }]] : [];
  return babel.transformSync(code, {
    configFile: false,
    babelrc: false,
    filename: file,
    sourceType: "unambiguous",
    parserOpts: { plugins: parserPlugins(file, retry), errorRecovery: false, allowReturnOutsideFunction: true },
    plugins,
    compact: false,
  });
}

const isParseError = (e) => e && (e.code === "BABEL_PARSE_ERROR" || e.reasonCode !== undefined);
const diagnosticCode = (e) => {
  const m = /\[(UNPROXY_E\d+)\]/.exec(String(e && e.message));
  return m ? m[1] : null;
};

/** Compiles one file. Returns { outcome, code?, error?, closures, captured }. */
function scanFile(file) {
  const code = fs.readFileSync(file, "utf8");
  const reports = [];
  let result;
  let retry = false;
  try {
    try {
      result = transform(code, file, true, false, reports);
    } catch (e) {
      if (!isParseError(e) || parserPlugins(file, true).length === parserPlugins(file, false).length) throw e;
      retry = true;
      reports.length = 0;
      result = transform(code, file, true, true, reports);
    }
  } catch (e) {
    if (isParseError(e)) return { outcome: "parse-error", closures: 0, captured: 0 };
    const codeId = diagnosticCode(e);
    if (codeId) return { outcome: "diagnostic", code: codeId, closures: 0, captured: 0 };
    try {
      transform(code, file, false, retry, []);
    } catch (baseline) {
      if (String(baseline.message) === String(e.message).replace(/unproxy/g, "")) return { outcome: "baseline-error" };
      return { outcome: "baseline-error", error: String(baseline.message).split("\n")[0] };
    }
    return { outcome: "crash", error: String(e && e.stack ? e.stack : e) };
  }
  // The output must still be a program Babel can parse, with the same parser settings, unless Babel's own output
  // without the plugin does not parse either (its generator prints `(x as T)++` as `x as T++`: not ours).
  const reparse = (output) =>
    babel.parseSync(output, {
      configFile: false, babelrc: false, filename: file, sourceType: "unambiguous",
      parserOpts: { plugins: parserPlugins(file, retry), allowReturnOutsideFunction: true },
    });
  try {
    reparse(result.code);
  } catch (e) {
    try {
      reparse(transform(code, file, false, retry, []).code);
    } catch (baseline) {
      return { outcome: "baseline-error", error: `Babel's own output does not parse: ${String(baseline.message).split("\n")[0]}` };
    }
    return { outcome: "crash", error: `output does not parse: ${String(e.message).split("\n")[0]}` };
  }
  const captured = reports.reduce((n, r) => n + r.captured.length, 0);
  return { outcome: "ok", closures: reports.length, captured };
}

/** Every candidate file under dir (node_modules/.cache excluded), sorted, with the number of skipped big files. */
function listFiles(dir) {
  const files = [];
  let big = 0;
  const walk = (d) => {
    let entries;
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        // Vendored, precompiled bundles (next/dist/compiled alone is 63 MB of minified code) are build output, not
        // source: like files over MAX_BYTES they add time, not coverage. They are counted with the skipped files.
        if (e.name === "compiled") big++;
        else if (e.name !== ".cache") walk(p);
      } else if (e.isFile() && EXTENSIONS.test(e.name) && !DECLARATIONS.test(e.name)) {
        if (MINIFIED.test(e.name) || fs.statSync(p).size > MAX_BYTES) big++;
        else files.push(p);
      }
    }
  };
  walk(dir);
  return { files: files.sort(), big };
}

module.exports = { scanFile, listFiles, ROOT };
