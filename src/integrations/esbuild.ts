// unproxy/esbuild: `unproxy(options?)` returns the esbuild plugin. Options: the Babel plugin's, plus include/exclude.
import { unproxyUnplugin, type UnproxyUnplugin } from "./unplugin.js";

export type { FilterPattern, IntegrationOptions as Options } from "./unplugin.js";

const unproxy: UnproxyUnplugin["esbuild"] = unproxyUnplugin.esbuild;
export default unproxy;
