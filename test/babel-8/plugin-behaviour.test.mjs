// The parts of the plugin that lean on Babel's own machinery and that fixtures cannot express, checked on Babel 8:
// options validated when Babel 8 loads the plugin, the explain report's positions, the untouched output of files
// without markers. (Exact message texts are pinned by the jest suite; source maps by the fixtures' sourceMappings,
// checked on both Babel versions.)
import assert from "node:assert/strict";
import { test } from "node:test";
import { babel, loadPluginModule } from "./lib/babel.mjs";

const plugin = loadPluginModule();
const filename = "/project/src/handler.ts";

function transform(code, options = {}, extra = {}) {
  return babel.transformSync(code, {
    filename,
    configFile: false,
    babelrc: false,
    parserOpts: { plugins: ["typescript", "jsx"] },
    plugins: [[plugin, options]],
    ...extra,
  });
}

test("an unknown option is refused when Babel 8 loads the plugin, with a suggestion", () => {
  assert.throws(() => transform("x", { captur: "auto" }), /^(?:.*: )?unproxy: \[UNPROXY_E011\] unknown option \.captur\. Did you mean \.capture\?/s);
});

test("a wrong option type is refused when Babel 8 loads the plugin", () => {
  assert.throws(() => transform("x", { capture: "all" }), /unproxy: \[UNPROXY_E012\] \.capture must be "auto" or "known"/);
});

test("the explain report gives Babel 8's line and column of the marked closure", () => {
  const entries = [];
  const code = ['import { request } from "./context";', "", "queue.push(/* @unproxy */ () => audit(request.id));"];
  transform(code.join("\n"), { onReport: (entry) => entries.push(entry) });
  assert.equal(entries.length, 1);
  const [entry] = entries;
  assert.deepEqual(
    { file: entry.file, line: entry.line, marker: entry.marker, captured: entry.captured },
    { file: filename, line: 3, marker: "comment", captured: ["request"] },
  );
  // The column is where the closure starts, 1-based like the line (Babel's own columns are 0-based).
  assert.equal(entry.column, code[2].indexOf("() =>") + 1);
});

test("a file without markers prints exactly what Babel 8 prints without the plugin", () => {
  const code = 'import { request } from "./context";\nsetTimeout(() => request.id, 1);\n// unproxy\n';
  const without = babel.transformSync(code, {
    filename,
    configFile: false,
    babelrc: false,
    parserOpts: { plugins: ["typescript", "jsx"] },
  }).code;
  assert.equal(transform(code).code, without);
});
