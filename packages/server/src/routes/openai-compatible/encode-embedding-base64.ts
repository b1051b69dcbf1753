/**
 * A vector as OpenAI's `encoding_format: "base64"` sends it: little-endian float32 bytes in base64. The
 * official `openai` client asks for this by default and decodes it itself.
 * @see https://platform.openai.com/docs/api-reference/embeddings/create#embeddings-create-encoding_format
 */
export function encodeEmbeddingBase64(values: readonly number[]): string {
  const bytes = Buffer.alloc(values.length * 4);
  for (const [index, value] of values.entries()) bytes.writeFloatLE(value, index * 4);
  return bytes.toString('base64');
}
