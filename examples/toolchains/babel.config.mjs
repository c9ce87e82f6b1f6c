// For tools that load Babel's config asynchronously (babel-jest, babel-loader, @babel/cli).
export default {
  presets: [["@babel/preset-env", { targets: { node: "current" } }], "@babel/preset-typescript"],
  plugins: ["unproxy/babel"],
};
