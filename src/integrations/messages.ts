// Every message the bundler integrations and unproxy/register print, with its code (UNPROXY_Ixxx).
// test/integrations/messages.test.ts pins each exact text.

export const integrationMessages = {
  I001_NO_BABEL: (entry: string) =>
    `${entry}: [UNPROXY_I001] @babel/core is not installed; unproxy compiles marked files with it. ` +
    `Install it next to unproxy: npm install --save-dev @babel/core`,
  I002_FILTER_OPTION: (entry: string, key: string) =>
    `${entry}: [UNPROXY_I002] .${key} must be a glob string, a RegExp, or an array of them`,
  I003_NO_TYPESCRIPT: (file: string, version: string) =>
    `unproxy/register: [UNPROXY_I003] Node ${version} cannot run TypeScript by itself (type stripping needs Node ` +
    `22.6 or later), so unproxy/register compiles ${file} with @babel/preset-typescript, which is not installed. ` +
    `Install it (npm install --save-dev @babel/preset-typescript) or use Node 22.18 or later.`,
  I004_NO_REGISTER: (version: string) =>
    `unproxy/register: [UNPROXY_I004] Node ${version} has no module.register(); unproxy/register needs Node 20.6 ` +
    `or later. Compile with a bundler plugin or the Babel plugin instead.`,
} as const;
