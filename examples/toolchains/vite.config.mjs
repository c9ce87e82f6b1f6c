import { defineConfig } from "vite";
import unproxy from "unproxy/vite";

export default defineConfig({
  plugins: [unproxy()],
});
