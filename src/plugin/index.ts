// unproxy/babel: rewrites marked closures so the context proxies they read are resolved when they are created.
// This file wires the stages — analyse → validate → apply → report — each in its own module.
import type { NodePath, PluginObj, PluginPass, types as t } from "@babel/core";
import { declare } from "@babel/helper-plugin-utils";
import { analyse } from "./analyse.js";
import { apply } from "./apply.js";
import { validateOptions, type Options, type ReportEntry } from "./options.js";
import { report, reportRefusal } from "./report.js";
import { checkForeignImports, foreignImports, type ForeignImport } from "./runtime-binding.js";
import { refusalPolicy, validate } from "./validate.js";

export type { Options, ReportEntry };

export default declare((api, rawOptions: Options): PluginObj<PluginPass> => {
  api.assertVersion("^7.22.0 || ^8.0.0-0");
  const options = validateOptions(rawOptions);
  const t = api.types;
  const importsToCheck = new WeakMap<t.File, ForeignImport[]>();

  return {
    name: "unproxy",
    // All the work happens in pre(), which Babel runs for every plugin before any plugin's visitor, whatever the order
    // of the config: coverage instrumentation (istanbul wraps expressions in counter sequences), react-refresh, class
    // and enum transforms and module-resolver have not touched the closures or the imports yet.
    pre(file) {
      const program = file.path as NodePath<t.Program>;
      const compiles = options.markAll || mightHaveMarkers(file);
      // Audit mode looks at every file, markers or not; markAll marks every closure, so nothing is left to audit.
      if (!compiles && !(options.audit && !options.markAll)) return;
      if (compiles) importsToCheck.set(file.ast, foreignImports(program, options));

      const analysis = analyse(t, program, options);
      const refuse = refusalPolicy(options.markAll, (error, fn) => reportRefusal(error, fn, this, options));
      const plans = validate(program, analysis, options.markAll, refuse);
      apply(t, program, analysis, plans, options, this);
      report(plans, this, options);
    },
    visitor: {},
    // An import another plugin (module-resolver) rewrote to the runtime was not recognised in pre(): say so.
    post(file) {
      const imports = importsToCheck.get(file.ast);
      if (imports) checkForeignImports(file, imports, options);
    },
  };
});

// Most files in a project carry no marker: skip them before any traversal.
function mightHaveMarkers(file: { code?: string; ast: t.File }): boolean {
  if (typeof file.code === "string" && file.code !== "") {
    return file.code.includes("@unproxy") || file.code.includes("captureContext");
  }
  return true;
}
