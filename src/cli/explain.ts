// unproxy explain <files|dirs> [--json]: the plugin's onReport entries, per file, plus errors; exit 1 on errors.
import type { ReportEntry } from "../plugin/index.js";
import { parseArgs } from "./args.js";
import { collectFiles } from "./files.js";
import type { CliIO } from "./io.js";
import { EXPLAIN_HELP, notes } from "./messages.js";
import { compileFiles } from "./run-files.js";

const MARKER_LABEL: Record<string, string> = {
  comment: "@unproxy comment",
  call: "captureContext()",
  all: "markAll",
};

export function formatEntry(display: string, entry: ReportEntry): string {
  const where = `${display}:${entry.line ?? "?"}:${entry.column ?? "?"}`;
  const captured = entry.captured.length > 0 ? entry.captured.join(", ") : "(nothing)";
  const heading = `${where}  ${MARKER_LABEL[entry.marker] ?? entry.marker}`;
  // markAll skips what it refuses and reports it here; the function is left as it was.
  if (entry.refused) return [heading, `  refused:  ${entry.refused.message}`].join("\n");
  const lines = [heading, `  captured: ${captured}`];
  if (entry.live.length === 0) lines.push("  live:     (none)");
  for (const [i, { name, reason }] of entry.live.entries()) {
    lines.push(`  ${i === 0 ? "live:    " : "         "} ${name} — ${reason}`);
  }
  return lines.join("\n");
}

export async function explainCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { positionals, values } = parseArgs("explain", argv, {
    json: { names: ["--json"], takesValue: false },
    help: { names: ["-h", "--help"], takesValue: false },
  });
  if (values.help) {
    io.stdout(EXPLAIN_HELP);
    return 0;
  }
  const files = collectFiles("explain", positionals, io.cwd);

  const entries = new Map<string, ReportEntry[]>();
  const outcomes = await compileFiles(io, "explain", files, (file) => {
    const list: ReportEntry[] = [];
    entries.set(file.path, list);
    return { onReport: (entry: ReportEntry) => list.push(entry) };
  });

  const closures = [];
  const errors = [];
  const blocks: string[] = [];
  let filesWithClosures = 0;
  for (const outcome of outcomes) {
    if (outcome.error !== undefined) {
      errors.push({ file: outcome.display, code: outcome.errorCode ?? null, message: outcome.error });
      blocks.push(`error: ${outcome.error}`);
      continue;
    }
    // Report order is the plugin's; sort by position so the output reads top to bottom.
    const list = (entries.get(outcome.file.path) ?? []).sort(
      (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
    );
    if (list.length > 0) filesWithClosures += 1;
    for (const entry of list) {
      closures.push({ ...entry, file: outcome.display });
      blocks.push(formatEntry(outcome.display, entry));
    }
  }
  if (values.json) {
    io.stdout(JSON.stringify({ closures, errors }, null, 2) + "\n");
  } else {
    if (blocks.length > 0) io.stdout(blocks.join("\n\n") + "\n\n");
    io.stdout(notes.summary(closures.length, filesWithClosures, outcomes.length, errors.length) + "\n");
  }
  return errors.length > 0 ? 1 : 0;
}

