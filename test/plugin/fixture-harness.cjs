// The fixture harness shared by the Babel 7 (jest), Babel 8 and Babel 7.22 runners; each passes its own Babel in.
//
// A fixture is a folder under fixtures/ holding input.ts | input.tsx | input.js, and optionally:
//   output.ts      the expected output, the same for every Babel version. A missing or different output fails;
//                  `OVERWRITE=1` (re)writes it from the actual output instead — read the diff before committing.
//   options.json   merged from every options.json on the way down from fixtures/ (pluginOptions one level deep):
//                    pluginOptions, presets, plugins, pluginsBefore, parserOpts, sourceType  — the transform
//                    throws            the expected error text (no output then)
//                    externalHelpers   true: Babel's helpers are referenced as `babelHelpers.x` instead of being
//                                      inlined (their bodies differ between Babel 7 and 8), as in Babel's own fixtures
//                    sourceMappings    [{ generated: { line, column }, original: { line, column } }]: positions
//                                      of the output (1-based lines, 0-based columns) that the source map must send
//                                      back to the input
//   exec.ts        run after compiling the output to CommonJS; it imports the output as "./output" and asserts
//                  with node:assert; a default-exported function is awaited
// Every fixture is also checked for idempotence (checkIdempotence): no AST node used twice, and markAll wraps nothing
// again on its own output.
"use strict";
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { originalPositionFor, TraceMap } = require("@jridgewell/trace-mapping");

const FIXTURES = path.resolve(__dirname, "../../fixtures");
const INPUTS = ["input.ts", "input.tsx", "input.js"];
const EXTERNAL_HELPERS = "@babel/plugin-external-helpers";

function listFixtures(dir = FIXTURES, inherited = {}) {
  const options = mergeOptions(inherited, readJson(path.join(dir, "options.json")));
  const input = INPUTS.find((name) => fs.existsSync(path.join(dir, name)));
  if (input) return [{ name: path.relative(FIXTURES, dir), dir, input: path.join(dir, input), options: resolved(options) }];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => listFixtures(path.join(dir, entry.name), options));
}

function mergeOptions(parent, child) {
  if (!child) return parent;
  return { ...parent, ...child, pluginOptions: { ...parent.pluginOptions, ...child.pluginOptions } };
}

// `externalHelpers` is the external-helpers plugin, listed like any other so each runner resolves it for its Babel.
function resolved(options) {
  if (!options.externalHelpers) return options;
  return { ...options, plugins: [...(options.plugins ?? []), EXTERNAL_HELPERS] };
}

function readJson(file) {
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : undefined;
}

function parserPlugins(file) {
  return file.endsWith(".js") ? ["jsx"] : ["typescript", "jsx"];
}

/** Babel's result ({ code, map }) for the fixture: its presets and plugins, or with `alone` the plugin only. */
function transform(babel, plugin, fixture, code = fs.readFileSync(fixture.input, "utf8"), alone = false) {
  const { options } = fixture;
  const ours = [plugin, { ...options.pluginOptions }];
  return babel.transformSync(code, {
    filename: fixture.input,
    configFile: false,
    babelrc: false,
    sourceType: options.sourceType ?? "module",
    sourceMaps: Boolean(options.sourceMappings),
    parserOpts: { plugins: parserPlugins(fixture.input), ...options.parserOpts },
    presets: alone ? [] : options.presets ?? [],
    plugins: alone ? [ours] : [...(options.pluginsBefore ?? []), ours, ...(options.plugins ?? [])],
  });
}

/** The transformed code only (see transform). */
function transformFixture(babel, plugin, fixture, code, alone) {
  return transform(babel, plugin, fixture, code, alone).code;
}

const normalise = (code) => code.replace(/\s+$/, "");
const outputFile = (fixture) => path.join(fixture.dir, "output.ts");

/**
 * Compares the actual output with output.ts. A missing or different file fails, unless OVERWRITE is set: then it is
 * written and the check passes (the diff is for the author to read).
 */
function checkOutput(fixture, actual) {
  const file = outputFile(fixture);
  const expected = fs.existsSync(file) ? normalise(fs.readFileSync(file, "utf8")) : undefined;
  if (expected === normalise(actual)) return;
  if (process.env.OVERWRITE) {
    fs.writeFileSync(file, normalise(actual) + "\n");
    return;
  }
  if (expected === undefined) {
    throw new Error(`${path.relative(FIXTURES, file)} is missing; run with OVERWRITE=1 to write it. Actual output:\n${actual}`);
  }
  assert.equal(normalise(actual), expected, `output differs from ${path.relative(FIXTURES, file)} (OVERWRITE=1 rewrites it)`);
}

/** Checks the fixture's `sourceMappings` against the source map of a transform result. */
function checkSourceMappings(fixture, result) {
  const expected = fixture.options.sourceMappings;
  if (!expected) return;
  assert.ok(result.map, "the transform produced no source map");
  const map = new TraceMap(result.map);
  const source = path.basename(fixture.input);
  for (const { generated, original } of expected) {
    const found = originalPositionFor(map, generated);
    assert.deepEqual(
      { generated, source: found.source && path.basename(found.source), line: found.line, column: found.column },
      { generated, source, ...original },
      `the source map sends output ${generated.line}:${generated.column} to the wrong place`,
    );
  }
}

/**
 * The fixture's output compiled to CommonJS, ready to run: with external helpers, Babel's helpers are declared as a
 * module-local `babelHelpers` right after the "use strict" directive (before it, the directive would stop being one).
 */
function withHelpers(babel, fixture, commonJsCode) {
  if (!fixture.options.externalHelpers) return commonJsCode;
  const helpers = babel.buildExternalHelpers(undefined, "var");
  return commonJsCode.replace(/^(\s*"use strict";\n)?/, (directive) => `${directive}${helpers}\n`);
}

/** Compiles the fixture's output and exec.ts to CommonJS in outDir; returns the path of the compiled exec file. */
function compileExec(babel, fixture, output, outDir) {
  const execFile = path.join(fixture.dir, "exec.ts");
  if (!fs.existsSync(execFile)) return undefined;
  fs.mkdirSync(outDir, { recursive: true });
  const toCommonJs = (code, filename) =>
    babel.transformSync(code, {
      filename,
      configFile: false,
      babelrc: false,
      parserOpts: { plugins: parserPlugins(filename) },
      presets: [["@babel/preset-typescript", { allExtensions: true, isTSX: filename.endsWith("x") }]],
      plugins: ["@babel/plugin-transform-modules-commonjs"],
    }).code;
  // A script is run as written: the CommonJS transform would make it strict, changing what `arguments` does.
  const script = fixture.options.sourceType === "script";
  const compiled = script ? output : withHelpers(babel, fixture, toCommonJs(output, fixture.input));
  fs.writeFileSync(path.join(outDir, "output.js"), compiled);
  fs.writeFileSync(path.join(outDir, "exec.js"), toCommonJs(fs.readFileSync(execFile, "utf8"), execFile));
  return path.join(outDir, "exec.js");
}

module.exports = {
  FIXTURES,
  listFixtures,
  transform,
  transformFixture,
  normalise,
  checkOutput,
  checkSourceMappings,
  withHelpers,
  compileExec,
};

/**
 * Idempotence that can fail. (a) Babel's own check: no AST node of the output is used twice (a shared node is
 * rewritten twice by any later plugin). (b) `markAll` (which marks every function) run on its own output must wrap
 * nothing again: the plugin recognises its wrappers and the thunks it passes to the runtime. Throws on failure.
 * Fixtures that expect an error get (b) only; an input Babel cannot parse gets neither.
 */
function checkIdempotence(babel, plugin, fixture) {
  const { options } = fixture;
  const input = fs.readFileSync(fixture.input, "utf8");
  const run = (code, pluginOptions, alone) =>
    babel.transformSync(code, {
      filename: fixture.input,
      configFile: false,
      babelrc: false,
      ast: true,
      sourceType: options.sourceType ?? "module",
      parserOpts: { plugins: parserPlugins(fixture.input), ...options.parserOpts },
      presets: alone ? [] : options.presets ?? [],
      plugins: alone
        ? [[plugin, pluginOptions]]
        : [...(options.pluginsBefore ?? []), [plugin, pluginOptions], ...(options.plugins ?? [])],
    });
  if (!options.throws) checkDuplicateNodes(run(input, { ...options.pluginOptions }, false).ast);
  const markAll = { ...options.pluginOptions, markAll: true };
  let once;
  try {
    once = run(input, markAll, true);
  } catch (error) {
    if (typeof error.code === "string" && error.code.startsWith("UNPROXY_")) throw error; // markAll must not refuse
    return; // Babel's own error (the input does not parse): nothing to compare
  }
  checkDuplicateNodes(once.ast);
  const twice = run(once.code, markAll, true).code;
  if (twice !== once.code) {
    throw new Error(`markAll wrapped its own output again.\nfirst pass:\n${once.code}\nsecond pass:\n${twice}`);
  }
}

const checkDuplicateNodes = require("@babel/helper-check-duplicate-nodes").default;
module.exports.checkIdempotence = checkIdempotence;
