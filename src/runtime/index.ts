// Placeholder until the runtime lands (issue 2).
export {};
