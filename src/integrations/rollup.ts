// unproxy/rollup: `unproxy(options?)` returns the rollup plugin. Options: the Babel plugin's, plus include/exclude.
import { unproxyUnplugin, type UnproxyUnplugin } from "./unplugin.js";

export type { FilterPattern, IntegrationOptions as Options } from "./unplugin.js";

const unproxy: UnproxyUnplugin["rollup"] = unproxyUnplugin.rollup;
export default unproxy;
