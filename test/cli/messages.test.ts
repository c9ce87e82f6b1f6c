// Usage errors: each catalogued message, exact text, exit status 2.
import { makeProject, runCli } from "./helpers";

describe("unproxy usage errors", () => {
  const cwd = makeProject({ "src/a.ts": "export const a = 1;\n", "types/only.d.ts": "export {};\n" });

  test.each([
    [["frobnicate"], 'unproxy: [UNPROXY_C001] unknown command "frobnicate". Commands: transform, explain, check, verify. Run "unproxy --help".'],
    [["--frob"], 'unproxy: [UNPROXY_C002] unknown option "--frob". Run "unproxy --help" for the options.'],
    [["transform", "src", "--minify"], 'unproxy transform: [UNPROXY_C002] unknown option "--minify". Run "unproxy transform --help" for the options.'],
    [["explain", "--out-dir=x", "src"], 'unproxy explain: [UNPROXY_C002] unknown option "--out-dir". Run "unproxy explain --help" for the options.'],
    [["transform", "src", "--out-dir"], 'unproxy transform: [UNPROXY_C003] option "--out-dir" needs a value, e.g. "--out-dir build".'],
    [["transform", "src", "-d", "--help"], 'unproxy transform: [UNPROXY_C003] option "-d" needs a value, e.g. "-d build".'],
    [["transform"], 'unproxy transform: [UNPROXY_C004] no input. Give one or more files or directories, e.g. "unproxy transform src".'],
    [["explain"], 'unproxy explain: [UNPROXY_C004] no input. Give one or more files or directories, e.g. "unproxy explain src".'],
    [["explain", "nope"], 'unproxy: [UNPROXY_C005] cannot read "nope": no such file or directory.'],
    [["explain", "types"], "unproxy explain: [UNPROXY_C006] no .js, .jsx, .mjs, .cjs, .ts, .tsx, .mts or .cts files in the given paths."],
    [["explain", "src", "--json=yes"], 'unproxy explain: [UNPROXY_C009] option "--json" takes no value.'],
  ])("%j", async (argv, message) => {
    const run = await runCli(argv, { cwd });
    expect(run).toEqual({ code: 2, stdout: "", stderr: message + "\n" });
  });

  test("no command prints the overview on stderr and exits 2", async () => {
    const run = await runCli([], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^unproxy — resolve context proxies when a closure is created/);
  });
});

describe("help and version", () => {
  const cwd = makeProject({});

  test.each([[["--help"]], [["-h"]], [["help"]]])("%j prints the overview", async (argv) => {
    const run = await runCli(argv, { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatchSnapshot("overview");
  });

  test.each([
    ["transform", ["transform", "--help"]],
    ["transform", ["transform", "src", "-h"]],
    ["explain", ["explain", "--help"]],
  ])("%s help, with examples", async (name, argv) => {
    const run = await runCli(argv, { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/\nExamples:\n {2}unproxy /);
    expect(run.stdout).toMatchSnapshot(`${name} help`);
  });

  test("--version prints package.json's version", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { version } = require("../../package.json") as { version: string };
    for (const flag of ["--version", "-v"]) {
      expect(await runCli([flag], { cwd })).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    }
  });
});
