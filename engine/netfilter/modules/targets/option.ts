// Targets read their options by flag from the words after `-j NAME`, as the old parser did: the word after
// the flag is its value.
export function targetOption(rest: readonly string[], flag: string): string | undefined {
  const k = rest.indexOf(flag);
  return k >= 0 ? rest[k + 1] : undefined;
}
