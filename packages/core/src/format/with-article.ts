/** `an openai-compatible`, `a google`: the indefinite article by the word's first sound (its first letter). */
export function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}
