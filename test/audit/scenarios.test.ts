// Measured on real leaks: the demo's scenarios (stand-ins and real libraries, examples/scenarios) with their markers
// stripped, so every hand-off is as a user would first write it. Ground truth is the run itself: a scenario leaks
// when its responses carried another request's data or none. Counted here, printed, and asserted:
//   audit mode reports every leaking hand-off and nothing else, and nothing at all in the plugin-compiled variant;
//   `unproxy check` and the ESLint rule flag every leaking hand-off (with the options docs/audit.md gives).
// Needs the build (npm run build): the scenarios run against dist/ through the package's exports.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import * as babel from "@babel/core";
import { Linter } from "eslint";
import tseslint from "typescript-eslint";
import { checkSource, resolveCheckOptions, type CheckOptions } from "../../src/check/index";
import { rules } from "../../src/eslint/index";

const root = join(__dirname, "..", "..");
const script = join(__dirname, "support", "run-scenarios.mjs");

function run(...args: string[]) {
  return JSON.parse(execFileSync(process.execPath, [script, ...args], {
    cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 240_000,
  }));
}

interface Row { scenario: string; leaks: number; lost: number; requests: number }
interface Warning { message: string }

const scenarioOf = (rel: string) => /^scenarios\/(.+)\.ts$/.exec(rel)?.[1];

/** The hand-off closure's line in each scenario: where its marker (comment or captureContext call) is. */
function handOffLines(files: { rel: string; source: string }[]): Map<string, number> {
  const lines = new Map<string, number>();
  for (const { rel, source } of files) {
    const scenario = scenarioOf(rel);
    if (!scenario) continue;
    const index = source.split("\n").findIndex((line) => /\/\* @unproxy \*\/|return captureContext\(/.test(line));
    if (index !== -1) lines.set(scenario, index + 1);
  }
  return lines;
}

/** Counts of one tool's reports against the hand-offs: found (leaking, reported), missed, false positives. */
function score(reports: { scenario: string | undefined; line: number }[], leaking: Set<string>, handOffs: Map<string, number>) {
  const atHandOff = (r: { scenario: string | undefined; line: number }) => r.scenario !== undefined && handOffs.get(r.scenario) === r.line;
  const found = [...leaking].filter((scenario) => reports.some((r) => r.scenario === scenario && atHandOff(r)));
  const falsePositives = reports.filter((r) => !atHandOff(r) || !leaking.has(r.scenario!));
  return {
    found: found.length,
    missed: [...leaking].filter((scenario) => !found.includes(scenario)),
    falsePositives: falsePositives.map((r) => `${r.scenario ?? "?"}:${r.line}`),
  };
}

const EXTRA: CheckOptions = { additionalDeferring: ["limit", ".load"] };
// Only the demo's proxy counts as capturable: closures that read plain locals are no longer reported.
const KNOWN: CheckOptions = { ...EXTRA, capture: "known", knownProxies: [{ module: "../app/context.js", export: "request" }] };

describe("the demo's scenarios", () => {
  const unmarked = run("unmarked", "200", "50");
  const marked = run("marked", "200", "50");
  const { files } = run("stripped") as { files: { rel: string; source: string; stripped: string }[] };
  const handOffs = handOffLines(files);
  const leaking = new Set((unmarked.rows as Row[]).filter((r) => r.leaks + r.lost > 0).map((r) => r.scenario));
  const scenarios = (unmarked.rows as Row[]).map((r) => r.scenario);
  const sources = files.filter((f) => scenarios.includes(scenarioOf(f.rel) ?? "") || f.rel.startsWith("app/"));

  const warned = (warnings: Warning[]) => warnings.map((w) => {
    const match = /^examples\/([^:]+):(\d+):\d+: \[UNPROXY_A001\] /.exec(w.message)!;
    return { scenario: scenarioOf(match[1]!), line: Number(match[2]) };
  });
  const checked = (options: CheckOptions) => sources.flatMap(({ rel, stripped }) =>
    checkSource(babel, stripped, join(root, "examples", rel), resolveCheckOptions(options))
      .map((h) => ({ scenario: scenarioOf(rel), line: h.line })));
  const linted = (options: CheckOptions) => sources.flatMap(({ rel, stripped }) => {
    const linter = new Linter({ configType: "flat" });
    const messages = linter.verify(stripped, [{
      files: ["**/*.ts"],
      languageOptions: { parser: tseslint.parser as never, sourceType: "module" },
      plugins: { unproxy: { rules } },
      rules: { "unproxy/require-capture": ["error", options] },
    }], { filename: join(root, "examples", rel) });
    return messages.map((m) => {
      if (m.fatal) throw new Error(`${rel}: ${m.message}`);
      return { scenario: scenarioOf(rel), line: m.line };
    });
  });

  const counts = {
    scenarios: scenarios.length,
    leaking: leaking.size,
    pg: unmarked.pg,
    audit: score(warned(unmarked.warnings), leaking, handOffs),
    auditPluginVariant: { warnings: marked.warnings.length, leaks: (marked.rows as Row[]).reduce((n, r) => n + r.leaks + r.lost, 0) },
    check: score(checked({}), leaking, handOffs),
    checkWithOptions: score(checked(EXTRA), leaking, handOffs),
    eslint: score(linted({}), leaking, handOffs),
    eslintWithOptions: score(linted(EXTRA), leaking, handOffs),
    checkKnown: score(checked(KNOWN), leaking, handOffs),
    eslintKnown: score(linted(KNOWN), leaking, handOffs),
  };
  // The figures docs/audit.md quotes.
  console.log(JSON.stringify(counts, null, 2));

  test("the stripped variant really leaks somewhere (else nothing here would be measured)", () => {
    expect(leaking.size).toBeGreaterThanOrEqual(8);
  });

  test("audit mode reports every leaking hand-off, and nothing else", () => {
    expect(counts.audit).toEqual({ found: leaking.size, missed: [], falsePositives: [] });
    for (const warning of unmarked.warnings as (Warning & { code: string })[]) expect(warning.code).toBe("UNPROXY_A001");
  });

  test("audit mode reports nothing in the plugin-compiled variant, which leaks nothing", () => {
    expect(counts.auditPluginVariant).toEqual({ warnings: 0, leaks: 0 });
  });

  test("unproxy check and the ESLint rule flag every leaking hand-off with the documented options", () => {
    expect(counts.checkWithOptions.missed).toEqual([]);
    expect(counts.eslintWithOptions.missed).toEqual([]);
    expect(counts.checkKnown.missed).toEqual([]);
  });

  test("the ESLint rule finds what check finds (same detection)", () => {
    expect(counts.eslint).toEqual(counts.check);
    expect(counts.eslintWithOptions).toEqual(counts.checkWithOptions);
    expect(counts.eslintKnown).toEqual(counts.checkKnown);
  });
});
