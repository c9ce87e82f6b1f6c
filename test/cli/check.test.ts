// unproxy check: findings with their exact text and exit 1, clean exit 0, --fix, --json, options, errors.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeProject, runCli } from "./helpers";

const LEAKY = `import { request } from "./context";
import { captureContext } from "unproxy";

class Batcher {
  subscribe(listener: () => void) { this.once("flush", listener); }
  once(_event: string, _listener: () => void) {}
}
export function createCallback() {
  return () => request.id;
}
export function handle(batcher: Batcher, queue: { push(job: () => void): void }) {
  setTimeout(() => request.user, 1);
  batcher.subscribe(createCallback());
  const cb = () => request.id;
  process.nextTick(cb);
  queue.push(/* @unproxy */ () => request.id);
  queue.push(captureContext(() => request.id));
  setTimeout(() => 1);
  [1, 2].map(() => request.id);
}
`;

const C010 = (where: string, names: string, api: string, line: number) =>
  `${where}: [UNPROXY_C010] this closure reads ${names} and is handed to ${api} (line ${line}), which may run it in ` +
  "another execution's context. Mark it: /* @unproxy */ before the function (unproxy check --fix does).";

describe("unproxy check", () => {
  test("lists each unmarked closure handed to a deferring API, exit 1", async () => {
    const cwd = makeProject({ "src/leaky.ts": LEAKY, "src/clean.ts": "setTimeout(() => 1);\n" });
    const run = await runCli(["check", "src"], { cwd });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        // returned by a local function and handed to a local wrapper of .once
        C010("src/leaky.ts:9:10", "request", ".subscribe", 13),
        C010("src/leaky.ts:12:14", "request", "setTimeout", 12),
        // through a constant
        C010("src/leaky.ts:14:14", "request", "process.nextTick", 15),
        "",
        "unproxy check: 3 unmarked closures handed to deferring APIs in 1 of 2 files",
        "",
      ].join("\n"),
    );
  });

  test("a clean tree exits 0", async () => {
    const cwd = makeProject({ "src/clean.ts": "import { request } from './context';\nsetTimeout(/* @unproxy */ () => request.id);\n" });
    const run = await runCli(["check", "src"], { cwd });
    expect(run).toEqual({
      code: 0,
      stderr: "",
      stdout: "unproxy check: no unmarked closure handed to a deferring API in 1 file\n",
    });
  });

  test("--fix inserts the marker before each closure; the file then checks clean and compiles", async () => {
    const cwd = makeProject({ "src/leaky.ts": LEAKY });
    const run = await runCli(["check", "src", "--fix"], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout.endsWith("unproxy check: marked 3 closures in 1 file\n")).toBe(true);
    const fixed = readFileSync(join(cwd, "src/leaky.ts"), "utf8");
    expect(fixed).toBe(
      LEAKY.replace("return () =>", "return /* @unproxy */ () =>")
        .replace("setTimeout(() => request.user", "setTimeout(/* @unproxy */ () => request.user")
        .replace("const cb = () =>", "const cb = /* @unproxy */ () =>"),
    );
    expect((await runCli(["check", "src"], { cwd })).code).toBe(0);
    const compiled = await runCli(["transform", "src/leaky.ts"], { cwd });
    expect(compiled.code).toBe(0);
    expect(compiled.stdout).toContain("_unproxy(request)");
  });

  test("--json gives each finding with its code, place, names, API and call", async () => {
    const cwd = makeProject({ "src/a.js": "import { request } from './context';\nemitter.on('x', () => request.id);\n" });
    const run = await runCli(["check", "src", "--json"], { cwd });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      findings: [
        {
          code: "UNPROXY_C010", file: "src/a.js", line: 2, column: 17, names: ["request"], api: ".on",
          call: { line: 2, column: 1 }, fixed: false,
        },
      ],
      errors: [],
    });
  });

  test("--deferring adds APIs; --config replaces the list or narrows capture to known proxies", async () => {
    const source = "import { request } from './context';\njobs.submit(() => request.id);\nsetTimeout(() => request.id);\n";
    const cwd = makeProject({ "src/a.ts": source });
    const added = await runCli(["check", "src", "--deferring", ".submit"], { cwd });
    expect(added.stdout).toContain("src/a.ts:2:13: [UNPROXY_C010]");
    expect(added.stdout).toContain("src/a.ts:3:12: [UNPROXY_C010]");
    writeFileSync(join(cwd, "only.json"), JSON.stringify({ deferring: [".submit"] }));
    const replaced = await runCli(["check", "src", "--config", "only.json"], { cwd });
    expect(replaced.stdout).toContain("src/a.ts:2:13: [UNPROXY_C010]");
    expect(replaced.stdout).not.toContain("src/a.ts:3:12");
    writeFileSync(join(cwd, "known.json"), JSON.stringify({ capture: "known", knownProxies: [] }));
    const known = await runCli(["check", "src", "--config", "known.json"], { cwd });
    expect(known).toMatchObject({ code: 0 });
    writeFileSync(join(cwd, "listed.json"), JSON.stringify({ capture: "known", knownProxies: [{ module: "./context", export: "request" }] }));
    expect((await runCli(["check", "src", "--config", "listed.json"], { cwd })).code).toBe(1);
  });

  test.each([
    [["--deferring", "a..b"], 'unproxy check: [UNPROXY_C011] --deferring: "a..b" is not a name like "setTimeout", "process.nextTick" or ".on".'],
    [["--config", "bad.json"], 'unproxy check: [UNPROXY_C011] "bad.json": .capture must be "auto" or "known".'],
    [["--config", "typo.json"], 'unproxy check: [UNPROXY_C011] "typo.json": unknown option .defering (known: deferring, additionalDeferring, capture, knownProxies, runtime).'],
  ])("bad options are usage errors: %j", async (flags, message) => {
    const cwd = makeProject({
      "src/a.ts": "export {};\n",
      "bad.json": JSON.stringify({ capture: "all" }),
      "typo.json": JSON.stringify({ defering: [] }),
    });
    expect(await runCli(["check", "src", ...flags], { cwd })).toEqual({ code: 2, stdout: "", stderr: message + "\n" });
  });

  test("a file that does not parse is an error (exit 1), not a pass", async () => {
    const cwd = makeProject({ "src/bad.js": "setTimeout(() => {\n" });
    const run = await runCli(["check", "src"], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^error: \[UNPROXY_C012\] cannot check this file: src\/bad\.js: Unexpected token \(2:0\)/);
  });
});

test("check --help prints its help, exit 0", async () => {
  const { CHECK_HELP } = jest.requireActual("../../src/cli/messages") as { CHECK_HELP: string };
  const run = await runCli(["check", "--help"], { cwd: makeProject({}) });
  expect(run).toEqual({ code: 0, stdout: CHECK_HELP, stderr: "" });
  expect(CHECK_HELP).toMatch(/^Usage: unproxy check <files\|dirs> \[--fix\] \[--json\]/);
});
