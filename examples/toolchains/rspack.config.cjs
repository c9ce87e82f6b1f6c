const unproxy = require("unproxy/rspack");

module.exports = {
  entry: "./src/app.ts",
  plugins: [unproxy()],
};
