// Writes output.babel8.<ext> for the named fixtures from Babel 8's actual output, for differences that are Babel 8
// formatting only (check the diff first: a difference in meaning is a bug, not a fixture update).
// Usage (Node >= 22.18): npx -y node@22 test/babel-8/write-babel8-output.mjs <fixture-name>...
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { babel, fixtureTransformOptions, loadPluginModule, repoRoot } from "./lib/babel.mjs";
import { findFixtures, normalizeOutput, readIfExists } from "./lib/fixtures.mjs";

const names = process.argv.slice(2);
if (names.length === 0) {
  console.error("usage: write-babel8-output.mjs <fixture-name>...");
  process.exit(2);
}
const fixtures = findFixtures(path.resolve(repoRoot, process.env.UNPROXY_FIXTURES_DIR ?? "fixtures"));
const plugin = loadPluginModule();
let status = 0;
for (const name of names) {
  const fixture = fixtures.find((candidate) => candidate.name === name);
  if (!fixture) {
    console.error(`no fixture named ${name}`);
    status = 1;
    continue;
  }
  const ext = path.extname(fixture.inputFile);
  const target = path.join(fixture.dir, `output.babel8${ext}`);
  const output = babel.transformSync(fixture.input, fixtureTransformOptions(fixture, plugin)).code;
  const shared = readIfExists(path.join(fixture.dir, `output${ext}`)) ?? readIfExists(path.join(fixture.dir, "output.ts"));
  if (shared !== undefined && normalizeOutput(shared) === normalizeOutput(output)) {
    // Babel 8 agrees with the shared expectation again: a stale override would only hide future differences.
    rmSync(target, { force: true });
    console.log(`${name}: Babel 8 matches output${ext}; no override needed`);
  } else {
    writeFileSync(target, output + "\n");
    console.log(`${name}: wrote ${path.relative(repoRoot, target)}`);
  }
}
process.exit(status);
