// The fixture suite on Babel 8 (node:test, Node >= 22.18): same fixtures, options and comparisons as the Babel 7 jest
// runner, with output.babel8.* winning where Babel 8 genuinely formats differently.
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { babel, fixtureTransformOptions, loadPluginModule, pluginIsBuilt, repoRoot } from "./lib/babel.mjs";
import { runExec } from "./lib/exec.mjs";
import { findFixtures, normalizeOutput } from "./lib/fixtures.mjs";
import { execGlobals } from "./lib/exec-globals.mjs";

// UNPROXY_FIXTURES_DIR points the suite at another tree (used while developing the harness).
const fixturesRoot = path.resolve(repoRoot, process.env.UNPROXY_FIXTURES_DIR ?? "fixtures");
const fixtures = findFixtures(fixturesRoot);
const ready = pluginIsBuilt() && fixtures.length > 0;

console.log(`Babel 8 fixture run: @babel/core ${babel.version}, Node ${process.version}, ${fixtures.length} fixtures`);

test("runs on Babel 8 and a Node that Babel 8 supports", () => {
  assert.equal(babel.version.split(".")[0], "8");
  const [major, minor] = process.versions.node.split(".").map(Number);
  assert.ok(major > 22 || (major === 22 && minor >= 18), `Node ${process.version} is older than 22.18`);
});

if (!ready) {
  test("fixtures", { skip: "no fixtures yet (plugin not built or fixtures/ empty)" }, () => {});
} else {
  const plugin = loadPluginModule();
  for (const fixture of fixtures) {
    const skip = fixture.options.babel7Only ? "babel7Only" : false;
    test(fixture.name, { skip }, () => runFixture(fixture, plugin));
  }
}

function transform(code, fixture, plugin) {
  return babel.transformSync(code, fixtureTransformOptions(fixture, plugin)).code;
}

async function runFixture(fixture, plugin) {
  const { throws } = fixture.options;
  if (throws) {
    assert.throws(
      () => transform(fixture.input, fixture, plugin),
      (error) => {
        assert.ok(
          error.message.includes(throws),
          `expected an error containing:\n  ${throws}\nbut got:\n  ${error.message}`,
        );
        return true;
      },
    );
    return;
  }

  const output = transform(fixture.input, fixture, plugin);
  assert.ok(fixture.expectedFile, `${fixture.name}: no output.ts; Babel 8 produced:\n${output}`);
  assert.equal(
    normalizeOutput(output),
    normalizeOutput(fixture.expected),
    `output differs from ${path.relative(repoRoot, fixture.expectedFile)}`,
  );

  const again = transform(output, fixture, plugin);
  assert.equal(normalizeOutput(again), normalizeOutput(output), "transforming the output again changed it");

  if (fixture.execFile) {
    const outputFilename = path.join(fixture.dir, `output${path.extname(fixture.inputFile)}`);
    const exported = runExec({ outputCode: output, outputFilename, execFile: fixture.execFile, globals: execGlobals() });
    await settle(exported);
  }
}

// An exec file may finish asynchronously: wait for whatever it exports as a promise or as a default async function.
async function settle(exported) {
  if (exported && typeof exported.then === "function") await exported;
  if (exported && typeof exported.default === "function") await exported.default();
}
