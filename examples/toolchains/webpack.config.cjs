const unproxy = require("unproxy/webpack");

module.exports = {
  entry: "./src/app.js",
  plugins: [unproxy()],
};
