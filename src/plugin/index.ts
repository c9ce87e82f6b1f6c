// Placeholder until the plugin lands (issue 3).
export {};
