// Compiles a source with the plugin (and CommonJS modules) and runs it against the real runtime (the TypeScript
// source, as jest maps "unproxy"), with "./context" giving the test's own context and proxy.
import * as babel from "@babel/core";
import plugin from "../../src/plugin/index";
import type { Options } from "../../src/plugin/index";
import * as runtime from "../../src/runtime/index";

export const requestContext = runtime.createContext<{ id: number }>("request");
export const request = runtime.contextProxy(requestContext);

export function compile(code: string, options: Options = {}, filename = "/project/src/handler.ts"): string {
  return babel.transformSync(code, {
    filename,
    cwd: "/project",
    configFile: false,
    babelrc: false,
    parserOpts: { plugins: ["typescript", "jsx"] },
    plugins: [[plugin, options], require.resolve("@babel/plugin-transform-modules-commonjs")],
  })!.code!;
}

/** Runs compiled CommonJS code; returns its exports. */
export function load(compiled: string, extra: Record<string, unknown> = {}): Record<string, any> {
  const modules: Record<string, unknown> = { unproxy: runtime, "./context": { request, requestContext }, ...extra };
  const module = { exports: {} as Record<string, any> };
  const require = (id: string) => {
    if (!(id in modules)) throw new Error(`test require: unknown module ${id}`);
    return modules[id];
  };
  new Function("require", "module", "exports", compiled)(require, module, module.exports);
  return module.exports;
}

export interface Warning {
  message: string;
  type: string | undefined;
  code: string | undefined;
}

/** Every call to process.emitWarning while fn runs (awaited), restored after. */
export async function warningsDuring(fn: () => unknown): Promise<Warning[]> {
  const warnings: Warning[] = [];
  const spy = jest.spyOn(process, "emitWarning").mockImplementation(((message: string, options?: any) => {
    warnings.push({ message: String(message), type: options?.type, code: options?.code });
  }) as typeof process.emitWarning);
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
  return warnings;
}
