// unproxy/webpack: `unproxy(options?)` returns the webpack plugin. Options: the Babel plugin's, plus include/exclude.
import { unproxyUnplugin, type UnproxyUnplugin } from "./unplugin.js";

export type { FilterPattern, IntegrationOptions as Options } from "./unplugin.js";

const unproxy: UnproxyUnplugin["webpack"] = unproxyUnplugin.webpack;
export default unproxy;
