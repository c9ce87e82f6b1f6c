// The analysis's walk over bare nodes (src/plugin/node-walk.ts) on Babel 8: on every fixture input and the plugin's
// output for it (a second pass), with and without markAll, the marker scan from its candidates equals the scan of every
// function, call and `with`, and each function's free names from nodes equal a traversal's. The jest suite checks the
// same on Babel 7 (test/plugin/node-walk.test.ts), with generated programs too.
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { test } from "node:test";
import { babel, distDir, loadPluginModule, repoRoot } from "./lib/babel.mjs";

const requireDist = createRequire(path.join(distDir, "cjs/plugin/index.js"));
const { scan, scanPaths } = requireDist("./markers.js");
const { freeVariables } = requireDist("./free-variables.js");
const plugin = loadPluginModule();
const FIXTURES = path.join(repoRoot, "fixtures");

function inputs(dir = FIXTURES) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return inputs(full);
    return /^input\.(ts|tsx|js)$/.test(entry.name) ? [{ name: path.relative(FIXTURES, full), filename: full, code: fs.readFileSync(full, "utf8") }] : [];
  });
}

function options(filename, plugins) {
  return {
    filename,
    configFile: false,
    babelrc: false,
    sourceType: "unambiguous",
    parserOpts: { plugins: filename.endsWith(".js") ? ["jsx"] : ["typescript", "jsx"] },
    plugins,
  };
}

function identities() {
  const ids = new Map();
  return (value) => {
    if (value == null) return undefined;
    if (!ids.has(value)) ids.set(value, ids.size);
    return ids.get(value);
  };
}

function summary(found, id) {
  return {
    marked: found.marked.map(({ fn, marker, names, call, comments }) => ({ fn: id(fn), marker, names, call: id(call), comments: comments.map(id) })),
    problems: found.problems.map(({ key, args, at, fn }) => ({ key, args, at: id(at), fn: id(fn) })),
    stray: found.stray && { carrier: id(found.stray.carrier), loc: found.stray.loc },
    evals: found.evals.map(id),
    withs: found.withs.map(id),
    leftToRuntime: found.leftToRuntime.map(id),
  };
}

function check(code, filename) {
  let checked = 0;
  babel.transformSync(code, options(filename, [{
    pre(file) {
      const program = file.path;
      const every = [];
      program.traverse({ "Function|CallExpression|WithStatement"(p) { every.push(p); } });
      for (const markAll of [false, true]) {
        const id = identities();
        assert.deepEqual(summary(scan(babel.types, program, "unproxy", markAll), id), summary(scanPaths(program, "unproxy", markAll, every), id));
      }
      program.traverse({
        Function(fn) {
          const id = identities();
          const fast = [...freeVariables(fn, babel.types).values()].map(({ name, binding, written }) => ({ name, binding: id(binding), written }));
          const traversed = [...freeVariables(fn).values()].map(({ name, binding, written }) => ({ name, binding: id(binding), written }));
          assert.deepEqual(fast, traversed);
          checked++;
        },
      });
    },
    visitor: {},
  }]));
  return checked;
}

test("Babel 8: the scan from candidates and free names from nodes equal what a traversal gives, on every fixture", () => {
  let files = 0;
  let functions = 0;
  for (const input of inputs()) {
    try {
      babel.parseSync(input.code, options(input.filename, []));
    } catch {
      continue; // the fixture of Babel's own parse error
    }
    functions += check(input.code, input.filename);
    files++;
    let output;
    try {
      output = babel.transformSync(input.code, options(input.filename, [[plugin, { markAll: true }]])).code;
    } catch {
      continue; // a refusal: no output to pass over again
    }
    functions += check(output, input.filename);
  }
  assert.ok(files > 60, `${files} fixtures checked`);
  assert.ok(functions > 300, `${functions} functions checked`);
});
