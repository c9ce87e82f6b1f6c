// unproxy transform <files|dirs> [--out-dir d]
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { parseArgs } from "./args.js";
import { collectFiles, outputName } from "./files.js";
import type { CliIO } from "./io.js";
import { notes, TRANSFORM_HELP } from "./messages.js";
import { compileFiles, displayPath } from "./run-files.js";

export async function transformCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { positionals, values } = parseArgs("transform", argv, {
    outDir: { names: ["-d", "--out-dir"], takesValue: true },
    sourceMaps: { names: ["-s", "--source-maps"], takesValue: false },
    help: { names: ["-h", "--help"], takesValue: false },
  });
  if (values.help) {
    io.stdout(TRANSFORM_HELP);
    return 0;
  }
  const files = collectFiles("transform", positionals, io.cwd);
  const outDir = typeof values.outDir === "string" ? resolve(io.cwd, values.outDir) : undefined;

  // Source maps: a .map file next to each output with --out-dir, inline on stdout.
  const sourceMaps = values.sourceMaps ? (outDir === undefined ? "inline" : true) : false;
  const outcomes = await compileFiles(io, "transform", files, () => ({}), { sourceMaps });
  let failed = 0;
  let written = 0;
  for (const outcome of outcomes) {
    if (outcome.error !== undefined) {
      failed += 1;
      io.stderr(outcome.error + "\n");
      continue;
    }
    const code = outcome.result?.code;
    if (code == null) continue;
    if (outDir !== undefined) {
      const target = join(outDir, outputName(outcome.file.relative));
      mkdirSync(dirname(target), { recursive: true });
      const map = outcome.result?.map;
      if (map) {
        // `sources` relative to the map, so the map keeps working when the tree is moved as a whole.
        map.sources = [relative(dirname(target), outcome.file.path).split(sep).join("/")];
        writeFileSync(`${target}.map`, JSON.stringify(map));
        writeFileSync(target, `${code}\n//# sourceMappingURL=${basename(target)}.map\n`);
      } else {
        writeFileSync(target, code + "\n");
      }
      written += 1;
    } else {
      // Several files on stdout: a header line says where each one starts, like `babel src` does.
      io.stdout((files.length > 1 ? `// ${outcome.display}\n` : "") + code + "\n");
    }
  }
  if (outDir !== undefined) io.stderr(notes.wrote(written, displayPath(outDir, io.cwd)) + "\n");
  if (failed > 0) io.stderr(notes.failed("transform", failed, outcomes.length) + "\n");
  return failed > 0 ? 1 : 0;
}
