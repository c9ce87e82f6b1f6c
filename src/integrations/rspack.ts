// unproxy/rspack: `unproxy(options?)` returns the rspack plugin. Options: the Babel plugin's, plus include/exclude.
import { unproxyUnplugin, type UnproxyUnplugin } from "./unplugin.js";

export type { FilterPattern, IntegrationOptions as Options } from "./unplugin.js";

const unproxy: UnproxyUnplugin["rspack"] = unproxyUnplugin.rspack;
export default unproxy;
