// Runs the fixtures of one group (fixtures/<group>/) on Babel 7: output, source mappings, idempotence, expected errors
// and exec.ts. Each group has its own test file in test/plugin/fixtures/, so jest spreads the groups over its workers.
// test/babel-8 and test/babel-7-min run the same fixtures through the same harness on Babel 8 and 7.22.
// Each test computes what it checks; none reads a value another test left behind.
import * as babel from "@babel/core";
import fs from "node:fs";
import path from "node:path";
import plugin from "../../src/plugin/index";

const harness = require("./fixture-harness.cjs");
const CACHE = path.resolve(__dirname, "../../node_modules/.cache/unproxy-fixtures");

/** The fixture groups: the folders directly under fixtures/. */
export function fixtureGroups(): string[] {
  return fs
    .readdirSync(harness.FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function runFixtureGroup(group: string) {
  const fixtures = (harness.listFixtures() as any[]).filter((fixture) => fixture.name.startsWith(`${group}/`));
  test(`fixtures/${group} holds fixtures`, () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });
  describe.each(fixtures)("$name", runFixture);
}

function runFixture(fixture: any) {
  const { throws, sourceMappings } = fixture.options;

  test("is idempotent: no node used twice, and markAll does not wrap its own output again", () => {
    harness.checkIdempotence(babel, plugin, fixture);
  });

  if (throws) {
    test("refuses with the catalogued message", () => {
      expect(() => harness.transformFixture(babel, plugin, fixture)).toThrow(throws);
    });
    return;
  }

  test("output matches output.ts", () => {
    harness.checkOutput(fixture, harness.transformFixture(babel, plugin, fixture));
  });

  if (sourceMappings) {
    test("the source map sends the listed output positions back to the input", () => {
      harness.checkSourceMappings(fixture, harness.transform(babel, plugin, fixture));
    });
  }

  if (fs.existsSync(path.join(fixture.dir, "exec.ts"))) {
    test("exec.ts passes against the real runtime", async () => {
      const output = harness.transformFixture(babel, plugin, fixture);
      const execFile = harness.compileExec(babel, fixture, output, path.join(CACHE, fixture.name));
      let exported: any;
      jest.isolateModules(() => {
        exported = require(execFile);
      });
      if (typeof exported.default === "function") await exported.default();
    });
  }
}
