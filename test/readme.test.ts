// The README is the front door and docs/ the reference: their commands, examples, codes, options and links must stay
// true, wherever each now lives.
import fs from "node:fs";
import path from "node:path";
import { runCli } from "./cli/helpers";

const root = path.resolve(__dirname, "..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
const exists = (file: string) => fs.existsSync(path.join(root, file));
const readme = read("README.md");
const errorsDoc = read("docs/errors.md");

/** README, CONTRIBUTING, docs/*.md and examples/README.md: the prose a user or contributor reads. */
const docFiles = () =>
  [
    "README.md",
    "CONTRIBUTING.md",
    "examples/README.md",
    ...fs.readdirSync(path.join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`),
  ].filter(exists);

/** The same text with fenced code blocks removed (links and paragraphs inside code do not count). */
const withoutCode = (markdown: string) => markdown.replace(/^```[\s\S]*?^```/gm, "");

/** Every file under src/ (recursively) with the given extension. */
function sourceFiles(dir = path.join(root, "src")): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith(".ts") ? [full] : [];
  });
}

test("the README stays a front door: at most 250 lines", () => {
  expect(readme.split("\n").length).toBeLessThanOrEqual(250);
});

test("the two quick-start commands are in the README, and CI runs exactly the test one", () => {
  expect(readme).toContain("npm ci && npm run demo");
  expect(readme).toContain("npm ci && npm test");
  expect(read(".ci/run")).toMatch(/^npm ci && npm test$/m);
});

describe("docs/errors.md", () => {
  const CODE = /UNPROXY_(?:[A-Z]\d{3}|UNBOUND)/g;
  const catalogued = new Set(sourceFiles().flatMap((file) => fs.readFileSync(file, "utf8").match(CODE) ?? []));
  const documented = [...errorsDoc.matchAll(/^### (UNPROXY_\w+)$/gm)].map(([, code]) => code);

  test("has one section per code used anywhere in src/, so a message can link to docs/errors.md#<code>", () => {
    expect(catalogued.size).toBeGreaterThan(30);
    expect([...catalogued].filter((code) => !documented.includes(code)).sort()).toEqual([]);
  });

  test("documents no code that the sources no longer have, and none twice", () => {
    expect(documented.filter((code) => !catalogued.has(code))).toEqual([]);
    expect(new Set(documented).size).toBe(documented.length);
  });
});

test('"How it works" shows the real input and output of fixtures/readme/how-it-works', () => {
  const blocks = [...readme.matchAll(/```(?:ts|js)\n\/\/ (input|output)\n([\s\S]*?)```/g)];
  const byKind = Object.fromEntries(blocks.map(([, kind, code]) => [kind, code.trim()]));
  expect(byKind.input).toBe(read("fixtures/readme/how-it-works/input.ts").trim());
  expect(byKind.output).toBe(read("fixtures/readme/how-it-works/output.ts").trim());
});

test("the README's options table lists every plugin option", () => {
  const options = read("src/plugin/options.ts").match(/^const shape = \{([\s\S]*?)\};/m)![1].match(/\w+(?=:)/g)!;
  expect(options.length).toBeGreaterThan(4);
  for (const option of options) expect(readme).toContain(`| \`${option}\` |`);
});

test("every runtime export is in the README's runtime summary or in docs/runtime.md", () => {
  const entries = ["src/runtime/index.ts", "src/runtime/entry-common.ts"].map(read).join("\n");
  const exported = [
    ...[...entries.matchAll(/^export const (\w+)/gm)].map(([, name]) => name),
    ...[...entries.matchAll(/^export \{([^}]+)\}/gm)].flatMap(([, names]) => names.split(",").map((n) => n.trim())),
  ];
  expect(exported.length).toBeGreaterThan(10);
  const runtimeDocs = readme + (exists("docs/runtime.md") ? read("docs/runtime.md") : "");
  expect(exported.filter((name) => !runtimeDocs.includes(`\`${name}`))).toEqual([]);
});

test("every npm script a doc mentions exists, and CONTRIBUTING.md describes every script", () => {
  const scripts = Object.keys(JSON.parse(read("package.json")).scripts as Record<string, string>);
  const mentioned = docFiles().flatMap((file) =>
    [...read(file).matchAll(/npm run ([\w:.-]+)/g)].map(([, name]) => ({ file, name })),
  );
  expect(mentioned.length).toBeGreaterThan(5);
  expect(mentioned.filter(({ name }) => !scripts.includes(name))).toEqual([]);
  const contributing = read("CONTRIBUTING.md");
  const undocumented = scripts.filter((name) => name !== "prepare" && !contributing.includes(`npm ${name === "test" ? "" : "run "}${name}`));
  expect(undocumented).toEqual([]);
});

test("every CLI command is shown in the README or docs/cli.md, and the README's one-liners use real flags", async () => {
  const commands = read("src/cli/messages.ts").match(/Commands: ([\w, ]+)\./)![1].split(", ");
  expect(commands.length).toBeGreaterThan(1);
  const cliDocs = readme + (exists("docs/cli.md") ? read("docs/cli.md") : "");
  expect(commands.filter((command) => !cliDocs.includes(`unproxy ${command}`))).toEqual([]);

  const oneLiners = [...readme.matchAll(/^npx unproxy (\w+) (.*?)(?:\s+#.*)?$/gm)];
  expect(oneLiners.length).toBeGreaterThan(2);
  for (const [line, command, args] of oneLiners) {
    const help = await runCli([command, "--help"], { cwd: root });
    expect({ line, code: help.code }).toEqual({ line, code: 0 });
    for (const flag of args.match(/--?[\w-]+/g) ?? []) expect({ line, flag, known: help.stdout.includes(flag) }).toEqual({ line, flag, known: true });
  }
});

test("no paragraph is written twice across the README and the docs", () => {
  const seen = new Map<string, string>();
  const repeated: string[] = [];
  for (const file of docFiles()) {
    const paragraphs = withoutCode(read(file))
      .split(/\n\s*\n/)
      .map((p) => p.replace(/\s+/g, " ").trim())
      .filter((p) => p.length >= 120 && !p.startsWith("|") && !p.startsWith("#"));
    for (const paragraph of paragraphs) {
      const first = seen.get(paragraph);
      if (first !== undefined && first !== file) repeated.push(`${first} and ${file}: ${paragraph.slice(0, 80)}…`);
      seen.set(paragraph, first ?? file);
    }
  }
  expect(repeated).toEqual([]);
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");

test("every relative link in the docs leads to a file that exists, and every #anchor to a heading in it", () => {
  const broken: string[] = [];
  for (const file of docFiles()) {
    for (const [, target] of withoutCode(read(file)).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue;
      const [pathPart, anchor] = target.split("#");
      const linked = pathPart ? path.join(path.dirname(file), pathPart) : file;
      if (!exists(linked)) {
        broken.push(`${file}: ${target} (no such file)`);
        continue;
      }
      if (anchor === undefined || !linked.endsWith(".md")) continue;
      const headings = [...read(linked).matchAll(/^#+ (.*)$/gm)].map(([, text]) => slug(text.replace(/`/g, "")));
      if (!headings.includes(anchor)) broken.push(`${file}: ${target} (no such heading)`);
    }
  }
  expect(broken).toEqual([]);
});

test("every toolchain line in the README is the line of a config in examples/toolchains (which the tests build)", () => {
  const section = readme.slice(readme.indexOf("## Toolchains"), readme.indexOf("## Markers"));
  const configs = fs.readdirSync(path.join(root, "examples/toolchains"))
    .map((file) => read(`examples/toolchains/${file}`))
    .join("\n");
  const entries = [...section.matchAll(/unproxy\/(vite|rollup|rolldown|esbuild|webpack|rspack)/g)].map(([entry]) => entry);
  expect(new Set(entries).size).toBe(6);
  for (const entry of entries) expect(configs).toContain(`"${entry}"`);
  for (const line of ["plugins: [unproxy()]", "config.plugins.push(unproxy());", 'plugins: ["unproxy/babel"]']) {
    expect(section).toContain(line);
    expect(configs).toContain(line);
  }
});
