// Shared by the Babel 7 (jest) and Babel 8 (node:test) fixture runners; it takes the Babel instance as an argument.
//
// A fixture is a folder under fixtures/ holding input.ts | input.tsx | input.js, and optionally:
//   output.ts          expected output (written on first run outside CI); output.babel8.ts overrides it on Babel 8
//   options.json       { pluginOptions, presets, plugins, pluginsBefore, parserOpts, sourceType, throws, babel7Only }
//                      merged from every options.json on the way down from fixtures/ (pluginOptions one level deep)
//   exec.ts            run after compiling the output to CommonJS; it imports the output as "./output" and asserts
//                      with node:assert; a default-exported function is awaited
// Every fixture is also transformed a second time (the plugin alone, same plugin options, on its own output) and must
// not change: the plugin is idempotent.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const FIXTURES = path.resolve(__dirname, "../../fixtures");
const INPUTS = ["input.ts", "input.tsx", "input.js"];

function listFixtures(dir = FIXTURES, inherited = {}) {
  const options = mergeOptions(inherited, readJson(path.join(dir, "options.json")));
  const input = INPUTS.find((name) => fs.existsSync(path.join(dir, name)));
  if (input) return [{ name: path.relative(FIXTURES, dir), dir, input: path.join(dir, input), options }];
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

function readJson(file) {
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : undefined;
}

function parserPlugins(file) {
  return file.endsWith(".js") ? ["jsx"] : ["typescript", "jsx"];
}

function transformFixture(babel, plugin, fixture, code = fs.readFileSync(fixture.input, "utf8"), alone = false) {
  const { options } = fixture;
  const ours = [plugin, { ...options.pluginOptions }];
  return babel.transformSync(code, {
    filename: fixture.input,
    configFile: false,
    babelrc: false,
    sourceType: options.sourceType ?? "module",
    parserOpts: { plugins: parserPlugins(fixture.input), ...options.parserOpts },
    presets: alone ? [] : options.presets ?? [],
    plugins: alone ? [ours] : [...(options.pluginsBefore ?? []), ours, ...(options.plugins ?? [])],
  }).code;
}

function expectedOutput(fixture, babelMajor) {
  const names = babelMajor === 8 ? ["output.babel8.ts", "output.ts"] : ["output.ts"];
  for (const name of names) {
    const file = path.join(fixture.dir, name);
    if (fs.existsSync(file)) return { file, code: fs.readFileSync(file, "utf8") };
  }
  return { file: path.join(fixture.dir, "output.ts"), code: undefined };
}

const normalise = (code) => code.replace(/\s+$/, "");

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
  fs.writeFileSync(path.join(outDir, "output.js"), script ? output : toCommonJs(output, fixture.input));
  fs.writeFileSync(path.join(outDir, "exec.js"), toCommonJs(fs.readFileSync(execFile, "utf8"), execFile));
  return path.join(outDir, "exec.js");
}

module.exports = { FIXTURES, listFixtures, transformFixture, expectedOutput, normalise, compileExec };
