import { defineConfig } from "rolldown";
import unproxy from "unproxy/rolldown";

export default defineConfig({
  input: "src/app.ts",
  plugins: [unproxy()],
});
