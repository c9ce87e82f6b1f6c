// babel-jest, @babel/register, babel-loader: also in "type": "module" projects.
module.exports = {
  presets: [["@babel/preset-env", { targets: { node: "current" } }], "@babel/preset-typescript"],
  plugins: ["unproxy/babel"],
};
