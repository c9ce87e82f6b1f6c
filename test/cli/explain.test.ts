// unproxy explain: one entry per marked closure, errors with code frames, exit 1 on errors, JSON, progress.
import { join } from "node:path";
import { MARKED_SOURCE, makeProject, repoRoot, runCli } from "./helpers";

const REASSIGNED = "it is reassigned, so a snapshot could differ from what the closure reads later";

describe("unproxy explain", () => {
  test("reports place, captured names and live names with the reason; summary line; exit 0", async () => {
    const cwd = makeProject({
      "src/later.ts": MARKED_SOURCE,
      "src/plain.ts": "export const plain = () => 1;\n",
      "src/call.ts":
        'import { captureContext } from "unproxy";\nimport { user } from "./context";\n' +
        "export const g = captureContext(() => user.name);\n",
    });
    const run = await runCli(["explain", "src"], { cwd });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        "src/call.ts:3:33  captureContext()",
        "  captured: user",
        "  live:     (none)",
        "",
        "src/later.ts:4:37  @unproxy comment",
        "  captured: request",
        `  live:     count — ${REASSIGNED}`,
        "",
        "2 marked closures in 2 of 3 files; 0 files with errors",
        "",
      ].join("\n"),
    );
  });

  test("a file with an error: the message and its code frame are reported, exit 1", async () => {
    const cwd = makeProject({
      "src/ok.ts": MARKED_SOURCE,
      "src/bad.js": "const notAFunction = /* @unproxy */ 42;\n",
    });
    const run = await runCli(["explain", "src"], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^error: src\/bad\.js: \[UNPROXY_E001\] /);
    expect(run.stdout).toContain("> 1 | const notAFunction = /* @unproxy */ 42;");
    expect(run.stdout).toMatch(/\n1 marked closure in 1 of 2 files; 1 file with errors\n$/);
  });

  test("--json gives the same data, paths relative to the working directory", async () => {
    const cwd = makeProject({ "src/later.ts": MARKED_SOURCE, "src/bad.ts": "let = ;\n" });
    const run = await runCli(["explain", "--json", "src"], { cwd });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.closures).toEqual([
      {
        file: "src/later.ts",
        line: 4,
        column: 37,
        marker: "comment",
        captured: ["request"],
        live: [{ name: "count", reason: REASSIGNED }],
      },
    ]);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0].file).toBe("src/bad.ts");
    expect(report.errors[0].code).toBe("BABEL_PARSE_ERROR");
    expect(report.errors[0].message).toMatch(/^src\/bad\.ts: /);
  });

  test("--json: a file the plugin refuses is an error with the plugin's code", async () => {
    const cwd = makeProject({
      "src/eval.js": 'import { request } from "./context";\nexport const f = /* @unproxy */ () => request.id;\neval("f");\n',
      "src/listed.js": "let n = 1;\nn++;\nexport const g = /* @unproxy n */ () => n;\n",
    });
    const run = await runCli(["explain", "--json", "src"], { cwd });
    expect(run.code).toBe(1);
    const { closures, errors } = JSON.parse(run.stdout);
    expect(closures).toEqual([]);
    expect(errors.map(({ file, code }: { file: string; code: string }) => [file, code])).toEqual([
      ["src/eval.js", "UNPROXY_E004"],
      ["src/listed.js", "UNPROXY_E006"],
    ]);
    expect(errors[0].message).toMatch(/^src\/eval\.js: \[UNPROXY_E004\] A direct eval\(\)/);
  });

  test("markAll (from the project's Babel config) skips what it refuses; explain shows it with its code", async () => {
    const plugin = join(repoRoot, "dist/cjs/plugin/index.js");
    const cwd = makeProject({
      "babel.config.json": JSON.stringify({ plugins: [[plugin, { markAll: true }]] }),
      "a.js": 'import { request } from "./context";\nexport const f = () => request.id;\neval("f");\n',
    });
    const json = JSON.parse((await runCli(["explain", "--json", "a.js"], { cwd })).stdout);
    expect(json.errors).toEqual([]);
    expect(json.closures).toEqual([
      expect.objectContaining({ file: "a.js", line: 3, column: 1, marker: "all", refused: expect.any(Object) }),
    ]);
    expect(json.closures[0].refused.code).toBe("UNPROXY_E004");
    expect(json.closures[0].refused.message).toMatch(/^\[UNPROXY_E004\] A direct eval\(\)/);
    const text = await runCli(["explain", "a.js"], { cwd });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^a\.js:3:1 {2}markAll\n {2}refused: {2}\[UNPROXY_E004\] A direct eval\(\) can read/);
  });

  test("a file that cannot be read when it is compiled: UNPROXY_C025", async () => {
    const cwd = makeProject({});
    const { compileFiles } = require(join(repoRoot, "dist/cjs/cli/run-files.js")) as typeof import("../../src/cli/run-files");
    const io = { stdout: () => {}, stderr: () => {}, stderrIsTTY: false, cwd };
    const [outcome] = await compileFiles(io, "explain", [{ path: join(cwd, "gone.ts"), relative: "gone.ts" }], () => ({}));
    expect(outcome!.errorCode).toBe("UNPROXY_C025");
    expect(outcome!.error).toBe('unproxy: [UNPROXY_C025] cannot read "gone.ts": no such file or directory (ENOENT).');
  });

  test("nothing captured, several names live: one line per live name", async () => {
    const cwd = makeProject({ "a.js": "let a = 1, b = 2;\na++; b++;\nexport const f = /* @unproxy */ () => [a, b, Date.now()];\n" });
    expect((await runCli(["explain", "a.js"], { cwd })).stdout).toBe(
      [
        "a.js:3:33  @unproxy comment",
        "  captured: (nothing)",
        `  live:     a — ${REASSIGNED}`,
        `            b — ${REASSIGNED}`,
        "",
        "1 marked closure in 1 of 1 file; 0 files with errors",
        "",
      ].join("\n"),
    );
  });

  test("a file with no marked closure", async () => {
    const cwd = makeProject({ "a.js": "export const a = () => 1;\n" });
    expect(await runCli(["explain", "a.js"], { cwd })).toEqual({
      code: 0,
      stdout: "0 marked closures in 0 of 1 file; 0 files with errors\n",
      stderr: "",
    });
  });
});

// The example shown in the README's CLI section, verbatim.
test("the README's explain example", async () => {
  const cwd = makeProject({
    "orders.ts": [
      'import { request } from "./context";',
      "let retries = 0;",
      "export function later(queue: Array<() => void>) {",
      "  queue.push(/* @unproxy */ () => log(request.user.id, retries));",
      "  retries++;",
      "}",
      "declare function log(...args: unknown[]): void;",
      "",
    ].join("\n"),
    "broken.ts": "export const broken = /* @unproxy */ 42;\n",
  });
  const run = await runCli(["explain", "."], { cwd });
  expect(run.code).toBe(1);
  expect(run.stdout).toBe(
    [
      "error: broken.ts: [UNPROXY_E001] @unproxy marks a function, but it is attached to a numeric literal. Put the " +
        "marker right before the function or arrow, e.g. `setTimeout(/* @unproxy */ () => …)`.",
      "> 1 | export const broken = /* @unproxy */ 42;",
      "    |                                      ^^",
      "  2 |",
      "",
      "orders.ts:4:29  @unproxy comment",
      "  captured: request",
      `  live:     retries — ${REASSIGNED}`,
      "",
      "1 marked closure in 1 of 2 files; 1 file with errors",
      "",
    ].join("\n"),
  );
});

describe("progress on stderr", () => {
  const many = (count: number) =>
    makeProject(Object.fromEntries(Array.from({ length: count }, (_, i) => [`src/f${i}.js`, `export const v${i} = ${i};\n`])));

  test("on a terminal: redrawn in place, then erased", async () => {
    const run = await runCli(["explain", "src"], { cwd: many(2), tty: true });
    expect(run.stderr).toBe("\runproxy explain: 1/2 files\runproxy explain: 2/2 files\r\x1b[K");
  });

  test("not a terminal, more than 50 files: a line at every tenth", async () => {
    const run = await runCli(["explain", "src"], { cwd: many(51), tty: false });
    const done = [6, 11, 16, 21, 26, 31, 36, 41, 46, 51];
    expect(run.stderr).toBe(done.map((n) => `unproxy explain: ${n}/51 files\n`).join(""));
  });

  test("not a terminal, 50 files or fewer: silent", async () => {
    expect((await runCli(["explain", "src"], { cwd: many(50), tty: false })).stderr).toBe("");
  });
});
