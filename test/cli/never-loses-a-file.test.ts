// transform refuses, before writing anything, every run that would overwrite or silently drop a file: an out dir that
// is an input directory, an output that is an input, two inputs with one output. An out dir inside the input is never
// compiled again; repeated flags are refused.
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MARKED_SOURCE, makeProject, runCli } from "./helpers";

/** Every file under dir, relative, sorted: what a run left on disk. */
function tree(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      return entry.isDirectory() ? tree(dir, path) : [path];
    })
    .sort();
}

describe("refused before anything is written (exit 2)", () => {
  test("--out-dir that is the input directory: the sources are left as they were", async () => {
    const cwd = makeProject({ "src/a.js": "export const a = /* @unproxy */ () => 1;\n", "src/b.ts": MARKED_SOURCE });
    const before = tree(cwd);
    for (const outDir of ["src", "./src/", join(cwd, "src")]) {
      const run = await runCli(["transform", "src", "-d", outDir], { cwd });
      expect(run).toEqual({
        code: 2,
        stdout: "",
        stderr:
          `unproxy transform: [UNPROXY_C021] --out-dir "${outDir}" is or contains the input directory "src": the outputs ` +
          "would overwrite or mix with your sources. Nothing was written; choose a directory outside the inputs, e.g. " +
          "--out-dir build.\n",
      });
    }
    expect(tree(cwd)).toEqual(before);
    expect(readFileSync(join(cwd, "src/a.js"), "utf8")).toBe("export const a = /* @unproxy */ () => 1;\n");
  });

  test("--out-dir that contains the input directory (outputs would land among other sources)", async () => {
    const cwd = makeProject({ "src/lib/a.ts": MARKED_SOURCE, "src/a.js": "// a hand-written file\n" });
    const run = await runCli(["transform", "src/lib", "-d", "src"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("[UNPROXY_C021]");
    expect(readFileSync(join(cwd, "src/a.js"), "utf8")).toBe("// a hand-written file\n");
  });

  test("an output that would overwrite an input file", async () => {
    const cwd = makeProject({ "a.js": "export const a = 1;\n", "lib/b.ts": MARKED_SOURCE });
    const run = await runCli(["transform", "lib/b.ts", "a.js", "-d", "."], { cwd });
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'unproxy transform: [UNPROXY_C022] the output "a.js" would overwrite an input file of the same name. ' +
        "Nothing was written; choose an --out-dir that holds no inputs.\n",
    });
    expect(existsSync(join(cwd, "b.js"))).toBe(false);
  });

  test.each([
    ["a/x.ts and b/x.ts", { "a/x.ts": "export const a = 1;\n", "b/x.ts": "export const b = 2;\n" }, ["a", "b"], "a/x.ts", "b/x.ts", "out/x.js"],
    ["y.ts beside y.js", { "src/y.js": "export const y = 1;\n", "src/y.ts": "export const y = 2;\n" }, ["src"], "src/y.js", "src/y.ts", "out/y.js"],
    ["x.jsx beside x.tsx", { "src/x.jsx": "export const x = 1;\n", "src/x.tsx": "export const x = 2;\n" }, ["src"], "src/x.jsx", "src/x.tsx", "out/x.js"],
  ])("two inputs with one output: %s", async (_name, files, inputs, first, second, output) => {
    const cwd = makeProject(files);
    const run = await runCli(["transform", ...inputs, "-d", "out"], { cwd });
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr:
        `unproxy transform: [UNPROXY_C023] "${first}" and "${second}" would both be written to "${output}". ` +
        "Nothing was written; compile them in separate runs, or rename one.\n",
    });
    expect(existsSync(join(cwd, "out"))).toBe(false);
  });

  test("-d pointing at a file, or below one", async () => {
    const cwd = makeProject({ "src/a.ts": MARKED_SOURCE, "notes.txt": "keep me\n" });
    for (const [outDir, file] of [["notes.txt", "notes.txt"], ["notes.txt/sub", "notes.txt"]]) {
      const run = await runCli(["transform", "src", "-d", outDir!], { cwd });
      expect(run).toEqual({
        code: 2,
        stdout: "",
        stderr:
          `unproxy transform: [UNPROXY_C024] cannot use --out-dir "${outDir}": "${file}" is a file, not a directory. ` +
          "Nothing was written.\n",
      });
    }
    expect(readFileSync(join(cwd, "notes.txt"), "utf8")).toBe("keep me\n");
  });

  test("every input ignored by the Babel config: nothing written is not success", async () => {
    const cwd = makeProject({
      "babel.config.json": JSON.stringify({ ignore: ["**/*.js"] }),
      "src/skip.js": "export const x = 1;\n",
    });
    for (const argv of [["transform", "src"], ["transform", "src", "-d", "out"]]) {
      const run = await runCli(argv, { cwd });
      expect(run.code).toBe(2);
      expect(run.stderr.split("\n").filter(Boolean).pop()).toBe(
        "unproxy transform: [UNPROXY_C028] nothing was written: your Babel config ignores every file given.",
      );
    }
  });
});

describe("--out-dir inside the input", () => {
  test("is skipped wherever it is, so a second run does not compile the first run's output", async () => {
    for (const outDir of ["src/build", "src/lib/out"]) {
      const cwd = makeProject({ "src/a.ts": MARKED_SOURCE, "src/lib/b.ts": MARKED_SOURCE });
      expect((await runCli(["transform", "src", "-d", outDir], { cwd })).code).toBe(0);
      const second = await runCli(["transform", "src", "-d", outDir], { cwd });
      expect(second.stderr).toBe(`unproxy transform: wrote 2 files to ${outDir}\n`);
      expect(tree(join(cwd, outDir))).toEqual(["a.js", "lib/b.js"]);
    }
  });
});

describe("the directory walk", () => {
  test("skips hidden files and directories, symbolic links, node_modules and dist; named files are compiled", async () => {
    const cwd = makeProject({
      "src/a.ts": MARKED_SOURCE,
      "src/.eslintrc.js": "module.exports = {};\n",
      "src/.hidden/x.js": "export {};\n",
      "src/dist/y.js": "export {};\n",
      "elsewhere/linked.ts": "export const linked = 1;\n",
    });
    symlinkSync(join(cwd, "elsewhere/linked.ts"), join(cwd, "src/linked.ts"));
    symlinkSync(join(cwd, "elsewhere"), join(cwd, "src/linked-dir"));
    const run = await runCli(["transform", "src", "-d", "out"], { cwd });
    expect(run.stderr).toBe("unproxy transform: wrote 1 file to out\n");
    expect(tree(join(cwd, "out"))).toEqual(["a.js"]);
    const named = await runCli(["transform", "src/.eslintrc.js", "src/linked.ts"], { cwd });
    expect(named.code).toBe(0);
    expect(named.stdout).toContain("// src/linked.ts\nexport const linked = 1;");
  });
});

describe("a repeated flag is a usage error", () => {
  const cwd = makeProject({ "src/a.ts": MARKED_SOURCE });
  test.each([
    [["transform", "src", "-d", "a", "-d", "b"], "transform", "-d"],
    [["transform", "src", "-d", "a", "--out-dir=b"], "transform", "--out-dir"],
    [["transform", "src", "-s", "--source-maps"], "transform", "--source-maps"],
    [["explain", "src", "--json", "--json"], "explain", "--json"],
  ])("%j", async (argv, command, option) => {
    expect(await runCli(argv, { cwd })).toEqual({
      code: 2,
      stdout: "",
      stderr: `unproxy ${command}: [UNPROXY_C020] option "${option}" is given more than once; give it once.\n`,
    });
    expect(existsSync(join(cwd, "a")) || existsSync(join(cwd, "b"))).toBe(false);
  });
});

test("a file written before is replaced whole, and no temporary file is left", async () => {
  const cwd = makeProject({ "src/a.ts": MARKED_SOURCE });
  await runCli(["transform", "src", "-d", "out"], { cwd });
  writeFileSync(join(cwd, "src/a.ts"), "export const changed = 1;\n");
  expect((await runCli(["transform", "src", "-d", "out"], { cwd })).code).toBe(0);
  expect(readFileSync(join(cwd, "out/a.js"), "utf8")).toBe("export const changed = 1;\n");
  expect(tree(join(cwd, "out"))).toEqual(["a.js"]);
});
