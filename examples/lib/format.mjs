// Text output of the demo: the results table, printed a row at a time as rows are measured, the summary of which
// library versions need the marker, and the --show example.
import { SCENARIOS, VARIANTS, libraryVersion } from "../demo-lib.mjs";

function formatNs(ns) {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(1)} ms`;
  if (ns >= 1e4) return `${(ns / 1e3).toFixed(0)} µs`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(1)} µs`;
  return `${Math.round(ns)} ns`;
}

const COLUMNS = [
  { title: "library", cell: (row, first) => (first ? row.library : "") },
  { title: "hand-off", cell: (row, first) => (first ? SCENARIOS[row.scenario]?.label ?? row.scenario : "") },
  { title: "variant", cell: (row) => VARIANTS[row.variant]?.label ?? row.variant },
  { title: "leaked", numeric: true, cell: (row) => (row.leaks > 0 ? `${row.leaks} LEAKED` : "0") },
  { title: "lost", numeric: true, cell: (row) => (row.lost > 0 ? `${row.lost} LOST` : "0") },
  { title: "errors", numeric: true, cell: (row) => String(row.errors) },
  { title: "CPU µs/request", numeric: true, cell: (row) => String(Math.round(row.cpuUsPerRequest)) },
  { title: "capture cost", numeric: true, cell: (row) => formatNs(row.captureNs) },
];

/**
 * A markdown table whose widths are fixed before the first row is measured (from the scenarios and variants of the
 * run and the largest number a cell can hold), so rows can be printed as they come. Returns
 * { header: string, row(row): string } — row() blanks the library and hand-off of a scenario's second and later rows.
 */
export function tableFormatter(scenarios, variants, requests) {
  const longestCount = `${requests} LEAKED`.length;
  const minimum = [
    Math.max(...scenarios.map((s) => libraryVersion(s).length)),
    Math.max(...scenarios.map((s) => SCENARIOS[s].label.length)),
    Math.max(...variants.map((v) => VARIANTS[v].label.length)),
    longestCount, longestCount, String(requests).length, 5, 9,
  ];
  const widths = COLUMNS.map((column, i) => Math.max(column.title.length, minimum[i]));
  const render = (cells) => "| " + cells
    .map((cell, i) => (COLUMNS[i].numeric ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
    .join(" | ") + " |";
  const rule = "|" + widths.map((w, i) => (COLUMNS[i].numeric ? "-".repeat(w + 1) + ":" : "-".repeat(w + 2))).join("|") + "|";
  let last;
  return {
    header: render(COLUMNS.map((c) => c.title)) + "\n" + rule,
    row(row) {
      const first = row.scenario !== last;
      last = row.scenario;
      return render(COLUMNS.map((column) => column.cell(row, first)));
    },
  };
}

/** The whole table at once (for tests and --json consumers that want the text too). */
export function formatTable(rows) {
  const scenarios = [...new Set(rows.map((r) => r.scenario))];
  const variants = [...new Set(rows.map((r) => r.variant))];
  const table = tableFormatter(scenarios, variants, Math.max(...rows.map((r) => r.requests)));
  return [table.header, ...rows.map((row) => table.row(row))].join("\n");
}

export function formatVariantNotes(variants) {
  return variants.map((name) => `  ${VARIANTS[name].label.padEnd(10)} ${VARIANTS[name].how}`).join("\n");
}

/** Which libraries needed a capture (without one, some response carried another request's data or none). */
export function formatVerdict(rows) {
  const needs = [];
  const fine = [];
  for (const scenario of new Set(rows.map((r) => r.scenario))) {
    const bare = rows.find((r) => r.scenario === scenario && r.variant === "proxy-only");
    if (!bare) continue;
    const name = `${bare.library} ${SCENARIOS[scenario]?.label ?? scenario}`;
    (bare.leaks + bare.lost > 0 ? needs : fine).push(name);
  }
  const wrap = (items) => {
    const lines = [""];
    for (const item of items) {
      if (lines.at(-1).length + item.length > 110) lines.push("");
      lines[lines.length - 1] += (lines.at(-1) ? ", " : "") + item;
    }
    return lines.map((line) => `  ${line}`).join("\n");
  };
  const blocks = [];
  if (needs.length) blocks.push(`Needs a capture (without one, requests leaked or were lost):\n${wrap(needs)}`);
  if (fine.length) blocks.push(`Right without one (the marker is still harmless there):\n${wrap(fine)}`);
  return blocks.join("\n");
}

// The createCallback function of a compiled scenario: the hand-off point, where the variants differ.
function handOff(code) {
  const start = code.indexOf("export function createCallback");
  if (start === -1) return undefined;
  const end = code.indexOf("\n}", start);
  return code.slice(start, end === -1 ? undefined : end + 2);
}

/**
 * One short before/after example: the hand-off function of one scenario, as written and as each variant compiled
 * it. (`npx unproxy explain examples/scenarios` and `npx unproxy transform` show every file.)
 */
export function formatShow(compiled, scenario) {
  const rel = `scenarios/${scenario}.ts`;
  const blocks = [];
  for (const [variant, { files }] of Object.entries(compiled)) {
    const file = files.find((f) => f.rel === rel);
    if (!file) continue;
    if (blocks.length === 0) blocks.push(`── examples/${rel}, as written ──\n${handOff(file.source)}`);
    blocks.push(`── compiled: ${VARIANTS[variant].label} ──\n${handOff(file.code)}`);
  }
  return blocks.join("\n") + "\n";
}
