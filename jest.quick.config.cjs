// `npm run test:quick`, the inner loop: the runtime's and the plugin's unit tests and every fixture on Babel 7, from
// the TypeScript sources, so no build is needed. Suites that read dist/ (the package, the CLI, both runtime builds in
// one process, type declarations, workers, the fuzz harness) and the long ones are left to `npm test`.
const base = require("./jest.config.cjs");

module.exports = {
  ...base,
  roots: ["<rootDir>/test/runtime", "<rootDir>/test/plugin", "<rootDir>/test/audit"],
  testPathIgnorePatterns: [
    ...base.testPathIgnorePatterns,
    "/test/runtime/(csp|package-entries|two-copies|types|workers)\\.test\\.ts$",
    "/test/plugin/imports\\.test\\.ts$",
    "/test/audit/scenarios\\.test\\.ts$",
  ],
};
