// unproxy/rolldown: `unproxy(options?)` returns the rolldown plugin. Options: the Babel plugin's, plus include/exclude.
import { unproxyUnplugin, type UnproxyUnplugin } from "./unplugin.js";

export type { FilterPattern, IntegrationOptions as Options } from "./unplugin.js";

const unproxy: UnproxyUnplugin["rolldown"] = unproxyUnplugin.rolldown;
export default unproxy;
