// The fixtures on the oldest Babel the plugin accepts: @babel/core 7.22.0 with its own parser, traverse, generator and
// types (pinned by this folder's lock). Fixtures that add presets or plugins are left to the main suites (those
// packages come in newer versions), as is exec.ts; source mappings are checked here too. Outputs are compared after
// printing both through the root's generator, so formatting changes between Babel releases do not count; the code
// must be the same.
"use strict";
const assert = require("node:assert/strict");
const { test } = require("node:test");
const fs = require("node:fs");
const path = require("node:path");
const babel = require("./node_modules/@babel/core");
const { parse } = require("@babel/parser");
const generate = require("@babel/generator").default;
const harness = require("../plugin/fixture-harness.cjs");

const plugin = require(path.resolve(__dirname, "../../dist/cjs/plugin/index.js")).default;
const reprint = (code) => generate(parse(code, { sourceType: "unambiguous", plugins: ["typescript", "jsx"] })).code;

test(`running on @babel/core ${babel.version}`, () => {
  assert.match(babel.version, /^7\.22\./);
});

for (const fixture of harness.listFixtures()) {
  const { options } = fixture;
  if (options.presets || options.plugins || options.pluginsBefore) continue;
  test(fixture.name, () => {
    if (options.throws) {
      assert.throws(() => harness.transformFixture(babel, plugin, fixture), (error) => error.message.includes(options.throws));
      return;
    }
    const result = harness.transform(babel, plugin, fixture);
    const expectedFile = path.join(fixture.dir, "output.ts");
    assert.ok(fs.existsSync(expectedFile), `${expectedFile} is missing (the Babel 7 run writes it with OVERWRITE=1)`);
    assert.equal(reprint(result.code), reprint(fs.readFileSync(expectedFile, "utf8")));
    harness.checkSourceMappings(fixture, result);
    harness.checkIdempotence(babel, plugin, fixture);
  });
}
