// Text output of the demo: the results table and the --show listing of sources next to their compiled output.
import { SCENARIOS, VARIANTS } from "../demo-lib.mjs";

function formatRate(perSecond) {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)} M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(0)} k/s`;
  return `${perSecond}/s`;
}

export function formatTable(rows) {
  const header = ["scenario", "variant", "requests", "leaks", "errors", "wall time", "callbacks created/s"];
  const lines = rows.map((row) => [
    SCENARIOS[row.scenario] ?? row.scenario,
    VARIANTS[row.variant]?.label ?? row.variant,
    String(row.requests),
    row.leaks > 0 ? `${row.leaks} LEAKED` : "0",
    String(row.errors),
    `${Math.round(row.wallMs)} ms`,
    formatRate(row.callbacksPerSecond),
  ]);
  const widths = header.map((cell, i) => Math.max(cell.length, ...lines.map((line) => line[i].length)));
  const numeric = new Set([2, 3, 4, 5, 6]);
  const render = (cells) =>
    "| " + cells.map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(" | ") + " |";
  const rule = "|" + widths.map((width, i) => (numeric.has(i) ? "-".repeat(width + 1) + ":" : "-".repeat(width + 2))).join("|") + "|";
  return [render(header), rule, ...lines.map(render)].join("\n");
}

export function formatVariantNotes(variants) {
  return variants.map((name) => `  ${VARIANTS[name].label.padEnd(10)} ${VARIANTS[name].how}`).join("\n");
}

function sideBySide(left, right, width) {
  const a = left.split("\n");
  const b = right.split("\n");
  const out = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const l = (a[i] ?? "").replace(/\t/g, "  ");
    const cell = l.length > width ? l.slice(0, width - 1) + "…" : l.padEnd(width);
    out.push(`${cell} │ ${b[i] ?? ""}`.trimEnd());
  }
  return out.join("\n");
}

// The createCallback function of a compiled scenario: the hand-off point, where the variants differ.
function handOff(code) {
  const start = code.indexOf("export function createCallback");
  if (start === -1) return undefined;
  const end = code.indexOf("\n}", start);
  return code.slice(start, end === -1 ? undefined : end + 2);
}

/**
 * Each example's source next to what the plugin made of it (side by side when the terminal is wide enough), then,
 * for scenarios, the hand-off function as each variant compiled it.
 */
export function formatShow(compiled, columns = process.stdout.columns ?? 0) {
  const variant = compiled.plugin ? "plugin" : Object.keys(compiled)[0];
  const blocks = [];
  for (const [index, file] of compiled[variant].files.entries()) {
    const title = `examples/${file.rel}`;
    const target = `compiled (${VARIANTS[variant].label})`;
    if (columns >= 200) {
      const width = Math.floor((columns - 3) / 2);
      blocks.push(`── ${title} ${"─".repeat(Math.max(0, width - title.length - 4))}┬─ ${target}\n` +
        sideBySide(file.source.trimEnd(), file.code.trimEnd(), width));
    } else {
      blocks.push(`── ${title} (source) ──\n${file.source.trimEnd()}\n\n── ${title} → ${target} ──\n${file.code.trimEnd()}`);
    }
    const variants = Object.keys(compiled).filter((name) => handOff(compiled[name].files[index].code));
    if (variants.length > 1) {
      blocks.push(`── ${title}: the hand-off in each variant ──\n` + variants
        .map((name) => `[${VARIANTS[name].label}]\n${handOff(compiled[name].files[index].code)}`).join("\n"));
    }
  }
  return blocks.join("\n\n") + "\n";
}
