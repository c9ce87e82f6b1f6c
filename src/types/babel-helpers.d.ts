// @babel/helper-validator-option ships no types in Babel 7; the part we use.
declare module "@babel/helper-validator-option" {
  export class OptionValidator {
    constructor(descriptor: string);
    invariant(condition: boolean, message: string): void;
  }
  export function findSuggestion(str: string, arr: readonly string[]): string;
}

// @babel/helper-validator-identifier likewise: JavaScript's identifier rules, as Babel's parser applies them.
declare module "@babel/helper-validator-identifier" {
  export function isIdentifierName(name: string): boolean;
  /** Keywords, strict-mode reserved words (`await` too, in modules) and `eval` / `arguments`. */
  export function isStrictBindReservedWord(word: string, inModule: boolean): boolean;
}
