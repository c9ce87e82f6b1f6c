// Tests are TypeScript, compiled by babel-jest with an inline config so no babel.config.js sits at the root
// (the CLI honours a user's Babel config, and ours must not leak into it).
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/test/babel-8/"],
  moduleNameMapper: {
    "^(\\.{1,2}/.*)\\.js$": "$1",
    // Fixture outputs and examples import the package by name; in jest that is the TypeScript source.
    "^unproxy$": "<rootDir>/src/runtime/index.ts",
    "^unproxy/babel$": "<rootDir>/src/plugin/index.ts",
  },
  transform: {
    "\\.[jt]sx?$": [
      "babel-jest",
      {
        configFile: false,
        babelrc: false,
        presets: [["@babel/preset-env", { targets: { node: "current" } }], "@babel/preset-typescript"],
      },
    ],
  },
  testTimeout: 30000,
  // Both cores: the long suites (fuzz, real builds, the demo) mostly wait on timers and child processes.
  maxWorkers: 2,
};
