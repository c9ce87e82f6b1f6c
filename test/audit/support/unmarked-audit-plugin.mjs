// The demo's "proxy only" sources (markers stripped by the demo's own variant transform, so every hand-off leaks as
// written) compiled by unproxy/babel with audit: true, in one Babel plugin so the demo's compiler can load it.
import { createRequire } from "node:module";
import variantPlugin from "../../../examples/lib/variant-plugin.mjs";

const unproxy = createRequire(import.meta.url)("unproxy/babel");

export default function unmarkedAudit(api) {
  const strip = variantPlugin(api, { mode: "strip" });
  const audit = unproxy(api, { audit: true }, process.cwd());
  return {
    name: "unproxy-audit-unmarked",
    visitor: {
      Program(path, state) {
        strip.visitor.Program.call(this, path, state);
        audit.pre.call(this, state.file); // unproxy/babel does its work in pre()
      },
    },
  };
}
