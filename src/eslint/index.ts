// unproxy/eslint: the ESLint plugin (flat config, ESLint 9 and 10) with one rule, require-capture.
//   import unproxy from "unproxy/eslint";
//   export default [unproxy.configs.recommended];
// or { plugins: { unproxy }, rules: { "unproxy/require-capture": ["error", { additionalDeferring: [".subscribe"] }] } }
import type { ESLint, Linter } from "eslint";
import { requireCapture } from "./require-capture.js";

export const meta = { name: "unproxy" };
export const rules = { "require-capture": requireCapture };

const plugin: ESLint.Plugin & { configs: { recommended: Linter.Config } } = {
  meta,
  rules,
  configs: {} as { recommended: Linter.Config },
};
plugin.configs.recommended = {
  name: "unproxy/recommended",
  plugins: { unproxy: plugin },
  rules: { "unproxy/require-capture": "error" },
};

export const configs: { recommended: Linter.Config } = plugin.configs;
export default plugin;
