// Writes output.babel8.ts for the named fixtures from Babel 8's actual output, for differences that are Babel 8
// formatting only (read the diff first: a difference in meaning is a bug, not a fixture update).
// Usage (Node >= 22.18): npx -y node@22 test/babel-8/write-babel8-output.mjs <fixture-name>...
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { babelForFixtures, forBabel8, harness, loadPluginModule } from "./lib/babel.mjs";

const names = process.argv.slice(2);
if (names.length === 0) {
  console.error("usage: write-babel8-output.mjs <fixture-name>...");
  process.exit(2);
}
const fixtures = harness.listFixtures();
const plugin = loadPluginModule();
let status = 0;
for (const name of names) {
  const fixture = fixtures.find((candidate) => candidate.name === name);
  if (!fixture) {
    console.error(`no fixture named ${name}`);
    status = 1;
    continue;
  }
  const target = path.join(fixture.dir, "output.babel8.ts");
  const shared = path.join(fixture.dir, "output.ts");
  const output = harness.normalise(harness.transformFixture(babelForFixtures, plugin, forBabel8(fixture)));
  if (existsSync(shared) && harness.normalise(readFileSync(shared, "utf8")) === output) {
    // Babel 8 agrees with the shared expectation again: a stale override would only hide future differences.
    rmSync(target, { force: true });
    console.log(`${name}: Babel 8 matches output.ts; no override needed`);
  } else {
    writeFileSync(target, output + "\n");
    console.log(`${name}: wrote ${path.relative(process.cwd(), target)}`);
  }
}
process.exit(status);
