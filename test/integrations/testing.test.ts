// unproxy/testing (the build, as users import it) and the plugin as babel-plugin-tester-style tools load it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./lib/project";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const testing = require(join(repoRoot, "dist/cjs/testing/index.js")) as typeof import("../../src/testing/index");

const SOURCE = `import { request } from "./context";
let count = 0;
count += 1;
export const later = /* @unproxy */ (): number[] => [request.id, count];
export const other = captureContext(() => request.id);
import { captureContext } from "unproxy";
`;

test("transform(code): the compiled code and the report, TypeScript kept, in a snapshot", async () => {
  const result = await testing.transform(SOURCE);
  expect(result.report).toEqual([
    {
      file: "input.ts",
      line: 4,
      column: 37,
      marker: "comment",
      captured: ["request"],
      live: [{ name: "count", reason: "it is reassigned, so a snapshot could differ from what the closure reads later" }],
    },
    { file: "input.ts", line: 5, column: 37, marker: "call", captured: ["request"], live: [] },
  ]);
  expect(result.code).toContain("(): number[] => [request.id, count]");
  expect(result.code).not.toContain("@unproxy");
  // The code is the plugin's to change; this file pins only the helper's shape through the report.
  expect(result.report).toMatchSnapshot();
});

test("the same input gives the same result twice (no state between calls)", async () => {
  expect(await testing.transform(SOURCE)).toEqual(await testing.transform(SOURCE));
});

test("transformFile(path): the report names the file relative to the working directory; options reach the plugin", async () => {
  const dir = mkdtempSync(join(tmpdir(), "unproxy-testing-"));
  try {
    writeFileSync(join(dir, "queue.js"), "const f = /* @unproxy */ () => request.id;\nconst request = {};\n");
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const { report } = await testing.transformFile(join(dir, "queue.js"), { capture: "known" });
      expect(report).toEqual([
        { file: "queue.js", line: 1, column: 26, marker: "comment", captured: [], live: [
          { name: "request", reason: "it is not yet initialised when the closure is created (declared later, or in a function that may run first)" },
        ] },
      ]);
    } finally {
      process.chdir(cwd);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a refusal rejects with the plugin's code and a machine-independent message with its frame", async () => {
  const error = await testing.transform('const f = /* @unproxy */ () => eval("x");', { filename: "src/a.js" }).catch((e) => e);
  expect(error.code).toBe("UNPROXY_E004");
  expect(error.loc).toEqual({ file: "src/a.js", line: 1, column: 31 });
  expect(error.message).toMatch(/^src\/a\.js: \[UNPROXY_E004\] A direct eval\(\)[^\n]*\n> 1 \| const f = /);
});

test('require("unproxy/babel") works where a tool passes the plugin function straight to Babel', () => {
  // What babel-plugin-tester does with `plugin: require("unproxy/babel")`.
  const run = spawnSync(process.execPath, ["-e", `
    const babel = require("@babel/core");
    const { code } = babel.transformSync("const f = /* @unproxy */ () => request.id; const request = 1;", {
      configFile: false, babelrc: false, plugins: [require("unproxy/babel")],
    });
    console.log(code);`], { cwd: repoRoot, encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(run.stdout).not.toContain("@unproxy");
});
