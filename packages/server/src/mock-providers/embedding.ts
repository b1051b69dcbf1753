/**
 * Deterministic embeddings: the same text always gives the same unit vector, different texts give
 * different ones, so a test can compare vectors across calls without any model.
 */

/** Creates a unit-length vector of `dimensions` numbers seeded by an FNV-1a hash of `text`. */
export function createEmbedding(text: string, dimensions: number): number[] {
  let seed = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    seed ^= text.charCodeAt(i);
    seed = Math.imul(seed, 0x01000193);
  }
  const values = new Array<number>(dimensions);
  let norm = 0;
  for (let i = 0; i < dimensions; i++) {
    // mulberry32: a tiny, well-mixed PRNG; plenty for test vectors.
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    const value = ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
    values[i] = value;
    norm += value * value;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  // Six decimals keep the JSON short (an answer is also a benchmark payload) and still distinct.
  for (let i = 0; i < dimensions; i++) values[i] = Math.round((values[i] as number) * scale * 1e6) / 1e6;
  return values;
}

/**
 * Encodes a vector as OpenAI's `encoding_format: "base64"` does: little-endian float32 bytes in
 * base64. The official `openai` SDK asks for this by default and decodes it itself.
 * @see https://platform.openai.com/docs/api-reference/embeddings/create#embeddings-create-encoding_format
 */
export function encodeEmbeddingBase64(values: readonly number[]): string {
  const floats = Float32Array.from(values);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64');
}
