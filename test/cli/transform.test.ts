// unproxy transform: defaults without a Babel config, the user's config when present, --out-dir mirroring.
import { existsSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { SourceMapConsumer, type RawSourceMap } from "source-map";
import { join } from "node:path";
import { MARKED_SOURCE, makeProject, repoRoot, runCli } from "./helpers";

const CONTEXT = `import { contextProxy, createContext } from "unproxy";
export const request = contextProxy(createContext<{ id: string }>("request"));
`;

describe("unproxy transform", () => {
  test("one file without a Babel config: TypeScript stripped, marked closure rewritten, printed to stdout", async () => {
    const cwd = makeProject({ "src/context.ts": CONTEXT, "src/later.ts": MARKED_SOURCE });
    const run = await runCli(["transform", "src/later.ts"], { cwd });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('import { unproxyImport as _unproxyImport } from "unproxy";');
    // The wrapper's exact shape is the plugin's business (fixtures pin it); here: captured, body kept, count live.
    expect(run.stdout).toContain("(_unproxyImport(() => request))");
    expect(run.stdout).toContain("() => [request.id, count]");
    expect(run.stdout).not.toContain("_unproxy(count)");
    expect(run.stdout).not.toContain("@unproxy");
    expect(run.stdout.startsWith("// ")).toBe(false);
  });

  test("several files on stdout each start with a header line", async () => {
    const cwd = makeProject({ "src/context.ts": CONTEXT, "src/later.ts": MARKED_SOURCE });
    const run = await runCli(["transform", "src"], { cwd });
    expect(run.code).toBe(0);
    const headers = run.stdout.split("\n").filter((line) => line.startsWith("// src/"));
    expect(headers).toEqual(["// src/context.ts", "// src/later.ts"]);
  });

  test("--out-dir mirrors the input tree, maps extensions, skips node_modules, dist and hidden directories", async () => {
    const cwd = makeProject({
      "src/context.ts": CONTEXT,
      "src/deep/later.ts": MARKED_SOURCE,
      "src/view.tsx": "export const View = () => <div>hi</div>;\n",
      "src/esm.mts": "export const x: number = 1;\n",
      "src/types.d.ts": "export type T = number;\n",
      "src/node_modules/dep/index.js": "this is not javascript (",
      "src/dist/old.js": "neither is this (",
      "src/.cache/x.js": "nor this (",
    });
    const run = await runCli(["transform", "src", "--out-dir", "out"], { cwd });
    expect(run).toEqual({ code: 0, stdout: "", stderr: "unproxy transform: wrote 4 files to out\n" });
    expect(readFileSync(join(cwd, "out/deep/later.js"), "utf8")).toContain("_unproxyImport(() => request)");
    expect(readFileSync(join(cwd, "out/view.js"), "utf8")).toContain("React.createElement");
    expect(existsSync(join(cwd, "out/esm.mjs"))).toBe(true);
    expect(existsSync(join(cwd, "out/types.d.js"))).toBe(false);
    expect(existsSync(join(cwd, "out/node_modules"))).toBe(false);
  });

  test("a single file written to --out-dir (short flag, = form) keeps its base name", async () => {
    const cwd = makeProject({ "src/later.ts": MARKED_SOURCE });
    expect((await runCli(["transform", "-d", "a", "src/later.ts"], { cwd })).stderr).toBe(
      "unproxy transform: wrote 1 file to a\n",
    );
    expect((await runCli(["transform", "--out-dir=b", "src/later.ts"], { cwd })).code).toBe(0);
    expect(existsSync(join(cwd, "a/later.js")) && existsSync(join(cwd, "b/later.js"))).toBe(true);
  });

  test("--source-maps with --out-dir: a .map next to the output maps the closure body back to the source", async () => {
    const cwd = makeProject({ "src/deep/later.ts": MARKED_SOURCE });
    const run = await runCli(["transform", "src", "-d", "out", "--source-maps"], { cwd });
    expect(run.code).toBe(0);
    const code = readFileSync(join(cwd, "out/deep/later.js"), "utf8");
    expect(code.endsWith("\n//# sourceMappingURL=later.js.map\n")).toBe(true);
    const map = JSON.parse(readFileSync(join(cwd, "out/deep/later.js.map"), "utf8")) as RawSourceMap;
    expect(map.sources).toEqual(["../../src/deep/later.ts"]);
    const lines = code.split("\n");
    const line = lines.findIndex((text) => text.includes("[request.id, count]"));
    const column = lines[line]!.indexOf("request.id");
    const original = await SourceMapConsumer.with(map, null, (consumer) =>
      consumer.originalPositionFor({ line: line + 1, column }),
    );
    // MARKED_SOURCE line 4: `export const later = /* @unproxy */ () => [request.id, count];`
    expect({ line: original.line, column: original.column }).toEqual({ line: 4, column: 43 });
  });

  test("--source-maps on stdout: inline", async () => {
    const cwd = makeProject({ "later.ts": MARKED_SOURCE });
    const run = await runCli(["transform", "later.ts", "-s"], { cwd });
    expect(run.stdout).toMatch(/\n\/\/# sourceMappingURL=data:application\/json;charset=utf-8;base64,[A-Za-z0-9+/=]+\n$/);
  });

  test("a file Babel cannot compile: error with a code frame on stderr, the others still written, exit 1", async () => {
    const cwd = makeProject({ "src/good.ts": MARKED_SOURCE, "src/bad.ts": "const = ;\n" });
    const run = await runCli(["transform", "src", "--out-dir", "out"], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^src\/bad\.ts: Unexpected token/);
    expect(run.stderr).toContain("> 1 | const = ;");
    expect(run.stderr).toContain("unproxy transform: wrote 1 file to out\nunproxy transform: 1 of 2 files failed\n");
    expect(existsSync(join(cwd, "out/good.js"))).toBe(true);
  });

  test("the user's Babel config is used and the plugin added once when it is not listed", async () => {
    const cwd = makeProject({
      "babel.config.json": JSON.stringify({ plugins: ["@babel/plugin-transform-arrow-functions"] }),
      "src/later.js": "import { request } from './context';\nexport function make() {\n  return /* @unproxy */ () => request.id;\n}\n",
    });
    // The fixture project resolves Babel plugins from this repository's node_modules.
    symlinkSync(join(repoRoot, "node_modules"), join(cwd, "node_modules"));
    const run = await runCli(["transform", "src/later.js"], { cwd });
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("_unproxy(request)");
    // The arrow-functions plugin from the user's config ran too.
    expect(run.stdout).not.toContain("=>");
  });

  test("unproxy/babel already in the user's config keeps the user's options and is not added twice", async () => {
    const cwd = makeProject({
      "babel.config.json": JSON.stringify({ plugins: [["unproxy/babel", { unbound: "keep" }]] }),
      "src/later.js": "import { request } from './context';\nexport function make() {\n  return /* @unproxy */ () => request.id;\n}\n",
    });
    mkdirSync(join(cwd, "node_modules"));
    symlinkSync(join(repoRoot, "node_modules", "@babel"), join(cwd, "node_modules", "@babel"));
    symlinkSync(repoRoot, join(cwd, "node_modules", "unproxy"));
    const run = await runCli(["transform", "src/later.js"], { cwd });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('import { unproxyIfBound as _unproxyIfBound } from "unproxy";');
    expect(run.stdout.match(/from "unproxy"/g)).toHaveLength(1);
  });

  test("a file ignored by the user's Babel config is skipped with a note", async () => {
    const cwd = makeProject({
      "babel.config.json": JSON.stringify({ ignore: ["**/skip.js"] }),
      "src/skip.js": "export const x = 1;\n",
      "src/kept.js": "export const y = 2;\n",
    });
    const run = await runCli(["transform", "src"], { cwd });
    expect(run).toEqual({ code: 0, stdout: "// src/kept.js\nexport const y = 2;\n", stderr: "unproxy: skipped src/skip.js: ignored by your Babel config\n" });
  });
});
