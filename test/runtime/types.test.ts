// The published declaration files type-check for an ESM (.mts) and a CommonJS (.cts) consumer under node16
// resolution: contextProxy<T> returns T, captureContext<F> returns F, primitives are refused at compile time.
import { join } from "node:path";
import ts from "typescript";
import { ensureDist } from "./support/dist";

beforeAll(ensureDist);

test("ESM and CommonJS consumers type-check against dist", () => {
  // One program for both files (building a program is the slow part); node16 picks each file's format by extension.
  const program = ts.createProgram(
    ["consumer.mts", "consumer.cts"].map((file) => join(__dirname, "types", file)),
    { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, strict: true, noEmit: true, types: [] },
  );
  const diagnostics = ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
  expect(diagnostics).toEqual([]);
  // "unproxy" resolved to the package itself, through the node condition of its exports, once per format.
  const declarations = program
    .getSourceFiles()
    .map((source) => source.fileName)
    .filter((file) => /dist\/(esm|cjs)\/runtime\/index\.d\.ts$/.test(file))
    .map((file) => file.slice(file.indexOf("dist/")));
  expect(declarations.sort()).toEqual(["dist/cjs/runtime/index.d.ts", "dist/esm/runtime/index.d.ts"]);
}, 60_000);
