// One glossary entry: a term, what it means in one sentence, and its other spellings.
export interface Term {
  readonly term: string;
  readonly means: string;
  /** Other spellings that show the same entry (`PREROUTING` for `prerouting`). */
  readonly aliases?: readonly string[];
  readonly kernel?: boolean;
}
