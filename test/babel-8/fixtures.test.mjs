// The fixture suite on Babel 8 (node:test, Node >= 22.18), through the lead's shared harness
// (test/plugin/fixture-harness.cjs) so both Babel versions list, merge, transform and compare fixtures identically.
// The differences are Babel 8's: preset/plugin names resolve into test/babel-8/node_modules, exec.ts is compiled with
// Babel 8, and `babel7Only` fixtures are skipped. The expected output.ts is the same file Babel 7 is held to.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { babel, babelForFixtures, forBabel8, harness, loadPluginModule, repoRoot } from "./lib/babel.mjs";
import { runExec } from "./lib/exec.mjs";

// UNPROXY_FIXTURES_DIR points the suite at another tree (used while developing the harness).
const fixturesRoot = process.env.UNPROXY_FIXTURES_DIR && path.resolve(repoRoot, process.env.UNPROXY_FIXTURES_DIR);
const fixtures = harness.listFixtures(fixturesRoot ?? harness.FIXTURES);

console.log(`Babel 8 fixture run: @babel/core ${babel.version}, Node ${process.version}, ${fixtures.length} fixtures`);

test("runs on Babel 8 and a Node that Babel 8 supports", () => {
  assert.equal(babel.version.split(".")[0], "8");
  const [major, minor] = process.versions.node.split(".").map(Number);
  const supported = (major === 22 && minor >= 18) || (major === 24 && minor >= 11) || major >= 25;
  assert.ok(supported, `Node ${process.version} is outside Babel 8's engines (^22.18.0 || >=24.11.0)`);
});

if (fixtures.length === 0) {
  test("fixtures", { skip: "no fixtures yet" }, () => {});
} else {
  const plugin = loadPluginModule();
  for (const fixture of fixtures.map(forBabel8)) {
    const skip = fixture.options.babel7Only ? "babel7Only" : false;
    test(fixture.name, { skip }, () => runFixture(fixture, plugin));
  }
}

async function runFixture(fixture, plugin) {
  const { throws } = fixture.options;
  // Idempotence, as the jest runner checks it: no node used twice, markAll does not wrap its own output again.
  harness.checkIdempotence(babelForFixtures, plugin, fixture);
  if (throws) {
    assert.throws(
      () => harness.transformFixture(babelForFixtures, plugin, fixture),
      (error) => error.message.includes(throws),
      `expected an error containing: ${throws}`,
    );
    return;
  }

  const result = harness.transform(babelForFixtures, plugin, fixture);
  harness.checkOutput(fixture, result.code);
  harness.checkSourceMappings(fixture, result);

  if (existsSync(path.join(fixture.dir, "exec.ts"))) await runExec(fixture, result.code);
}
