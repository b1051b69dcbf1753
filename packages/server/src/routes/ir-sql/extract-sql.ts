/** The SQL in a model's answer: the first fenced block if there is one, else the whole text, trimmed. */
export function extractSql(text: string): string {
  const fenced = /```(?:sql)?\s*\n?([\s\S]*?)```/i.exec(text);
  return (fenced?.[1] ?? text).trim();
}
