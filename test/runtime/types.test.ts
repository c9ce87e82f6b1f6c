// The published declaration files type-check for an ESM (.mts) and a CommonJS (.cts) consumer under node16
// resolution: contextProxy<T> returns T, captureContext<F> returns F, primitives are refused at compile time.
import { join } from "node:path";
import ts from "typescript";
import { ensureDist } from "./support/dist";

beforeAll(ensureDist);

test.each(["consumer.mts", "consumer.cts"])("%s type-checks against dist", (file) => {
  const program = ts.createProgram([join(__dirname, "types", file)], {
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    strict: true,
    noEmit: true,
    types: [],
  });
  const diagnostics = ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
  expect(diagnostics).toEqual([]);
  // "unproxy" resolved to the package itself, through the node condition of its exports.
  const flavour = file.endsWith(".mts") ? "esm" : "cjs";
  expect(program.getSourceFiles().some((source) => source.fileName.endsWith(`dist/${flavour}/runtime/index.d.ts`))).toBe(
    true,
  );
});
