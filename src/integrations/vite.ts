// unproxy/vite: `unproxy(options?)` returns the vite plugin. Options: the Babel plugin's, plus include/exclude.
import { unproxyUnplugin, type UnproxyUnplugin } from "./unplugin.js";

export type { FilterPattern, IntegrationOptions as Options } from "./unplugin.js";

const unproxy: UnproxyUnplugin["vite"] = unproxyUnplugin.vite;
export default unproxy;
