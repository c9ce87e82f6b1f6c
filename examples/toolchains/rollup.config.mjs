import unproxy from "unproxy/rollup";

export default {
  input: "src/app.js",
  plugins: [unproxy()],
  output: { dir: "dist", format: "es" },
};
