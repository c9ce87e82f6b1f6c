// Runs every fixture under fixtures/ on Babel 7: output snapshot, idempotence, expected errors and exec.ts.
// test/babel-8 runs the same fixtures through the same harness on Babel 8.
import * as babel from "@babel/core";
import fs from "node:fs";
import path from "node:path";
import plugin from "../../src/plugin/index";

const harness = require("./fixture-harness.cjs");
const CACHE = path.resolve(__dirname, "../../node_modules/.cache/unproxy-fixtures");

describe.each(harness.listFixtures() as any[])("$name", (fixture) => {
  const { throws } = fixture.options;

  if (throws) {
    test("refuses with the catalogued message", () => {
      expect(() => harness.transformFixture(babel, plugin, fixture)).toThrow(throws);
    });
    return;
  }

  let output: string;
  test("output matches output.ts", () => {
    output = harness.normalise(harness.transformFixture(babel, plugin, fixture));
    const expected = harness.expectedOutput(fixture, 7);
    if (expected.code === undefined) {
      if (process.env.CI) throw new Error(`missing ${expected.file}`);
      fs.writeFileSync(expected.file, output + "\n");
      return;
    }
    expect(output).toBe(harness.normalise(expected.code));
  });

  test("is idempotent: the plugin on its own output changes nothing", () => {
    const once = harness.transformFixture(babel, plugin, fixture, undefined, true);
    expect(harness.transformFixture(babel, plugin, fixture, once, true)).toBe(once);
  });

  if (fs.existsSync(path.join(fixture.dir, "exec.ts"))) {
    test("exec.ts passes against the real runtime", async () => {
      const execFile = harness.compileExec(babel, fixture, output, path.join(CACHE, fixture.name));
      let exported: any;
      jest.isolateModules(() => {
        exported = require(execFile);
      });
      if (typeof exported.default === "function") await exported.default();
    });
  }
});
