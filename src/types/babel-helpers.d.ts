// @babel/helper-validator-option ships no types in Babel 7; the part we use.
declare module "@babel/helper-validator-option" {
  export class OptionValidator {
    constructor(descriptor: string);
    invariant(condition: boolean, message: string): void;
  }
  export function findSuggestion(str: string, arr: readonly string[]): string;
}
