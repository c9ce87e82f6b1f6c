// unproxy verify: what it reports in built output, and what it must not mistake for a marker.
import { makeProject, runCli } from "./helpers";

const LEFT = `"use strict";
var _unproxy = require("unproxy");
const a = /* @unproxy */ () => request.id;
const b = (0, _unproxy.captureContext)(function () { return request.id; });
const c = captureContext$1(() => 1);
`;

const NOT_MARKERS = `// Docs in a bundled library: captureContext(() => request.id) and /* @unproxy */ in prose.
/** See @unproxyable, and "@unproxy" in a string. */
const s = "/* @unproxy */ captureContext(() => x)";
const t = \`captureContext(function () {})\`;
const fn = () => 1;
const d = captureContext(fn);
const e = notCaptureContext(() => 1);
`;

describe("unproxy verify", () => {
  test("lists every marker left, file:line:column with the line, and exits 1", async () => {
    const cwd = makeProject({ "build/left.js": LEFT, "build/clean.js": NOT_MARKERS });
    const run = await runCli(["verify", "build"], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      "build/left.js:3:11: [UNPROXY_C013] @unproxy comment left in built output: the unproxy plugin did not compile " +
        "this file.\n    const a = /* @unproxy */ () => request.id;\n" +
        "build/left.js:4:11: [UNPROXY_C013] captureContext(function) call left in built output: the unproxy plugin " +
        "did not compile this file.\n    const b = (0, _unproxy.captureContext)(function () { return request.id; });\n" +
        "build/left.js:5:11: [UNPROXY_C013] captureContext(function) call left in built output: the unproxy plugin " +
        "did not compile this file.\n    const c = captureContext$1(() => 1);\n\n" +
        "unproxy verify: 3 markers left in 1 of 2 files: add unproxy to the build that wrote them (docs/integrations.md)\n",
    );
  });

  test("clean output: exit 0, one line", async () => {
    const cwd = makeProject({ "build/clean.js": NOT_MARKERS });
    expect(await runCli(["verify", "build/clean.js"], { cwd })).toEqual({
      code: 0,
      stdout: "unproxy verify: no marker left in 1 file\n",
      stderr: "",
    });
  });

  test("--json", async () => {
    const cwd = makeProject({ "out.mjs": "export const f = captureContext(() => 1);\n" });
    const run = await runCli(["verify", "out.mjs", "--json"], { cwd });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      findings: [
        { code: "UNPROXY_C013", file: "out.mjs", line: 1, column: 18, kind: "call", text: "export const f = captureContext(() => 1);" },
      ],
      errors: [],
    });
  });

  test("a file it cannot parse fails the run with C014", async () => {
    const cwd = makeProject({ "bad.js": "const x = /* @unproxy */ () => {;\n" });
    const run = await runCli(["verify", "bad.js"], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^error: \[UNPROXY_C014\] cannot verify this file: bad\.js: Unexpected token/);
  });

  test("help", async () => {
    const run = await runCli(["verify", "--help"], { cwd: makeProject({}) });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatchSnapshot("verify help");
  });
});
