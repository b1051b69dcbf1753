/** Prices in USD per 1M tokens, as the provider bills them. */
export interface ModelCost {
  input: number;
  output: number;
  /** Cached input tokens; billed at `input` when absent. */
  cache_read?: number | undefined;
  /** Tokens written to the prompt cache (Anthropic); billed at `input` when absent. */
  cache_write?: number | undefined;
}

/** What is known about a model, from the catalogue, the config or discovery. */
export interface ModelFacts {
  capabilities: string[];
  /** Total context window in tokens; `null` when unknown. */
  context_window: number | null;
  /** Input limit when it is smaller than the context window (GPT-5: 272,000 of 400,000). */
  max_input_tokens?: number | undefined;
  max_output_tokens: number | null;
  /** `null` when the price is unknown: usage of such a model is counted as unpriced, never as $0. */
  cost: ModelCost | null;
  /** Shown to people, not routed on: tools, vision, thinking, reasoning, web, code, ... */
  features: string[];
  /** Output size of an embeddings model. */
  embedding_dimensions?: number | undefined;
}

/** A model of the built-in catalogue, keyed by the provider KIND that serves it. */
export interface CatalogModel extends ModelFacts {
  kind: string;
  name: string;
}
