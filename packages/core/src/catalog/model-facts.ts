/** Prices of one long-context tier: they apply to the whole call once its input passes `above_input_tokens`. */
export interface ModelCostTier {
  /** The tier applies to calls whose input (cached included) is more than this many tokens (200,000). */
  above_input_tokens: number;
  input: number;
  output: number;
  /** Falls back to the tier's `input` when absent. */
  cache_read?: number | undefined;
  /** Falls back to the tier's `input` when absent. */
  cache_write?: number | undefined;
  /** Falls back to the tier's `output` when absent. */
  reasoning?: number | undefined;
}

/** Prices in USD per 1M tokens, as the provider bills them. */
export interface ModelCost {
  input: number;
  output: number;
  /** Cached input tokens; billed at `input` when absent. */
  cache_read?: number | undefined;
  /** Tokens written to the prompt cache (Anthropic); billed at `input` when absent. */
  cache_write?: number | undefined;
  /** Reasoning tokens (part of the output); billed at `output` when absent. */
  reasoning?: number | undefined;
  /** Long-context prices (Gemini, Claude above 200k input tokens), lowest threshold first. */
  tiers?: ModelCostTier[] | undefined;
}

/** What a model takes in and gives out: `text`, `image`, `pdf`, `audio`, `video`. */
export interface ModelModalities {
  input: string[];
  output: string[];
}

/** A model's release state as the catalogue tells it; absent means generally available. */
export type ModelStatus = 'alpha' | 'beta' | 'deprecated';

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
  /**
   * Shown to people and checked by task requirements. Canonical names: `tools`, `vision` (image input),
   * `pdf`, `json_schema` (structured output), `reasoning`, `audio`, `video`, `web`, `code`; the built-in
   * table's older `thinking` means `reasoning`.
   */
  features: string[];
  /** Output size of an embeddings model. */
  embedding_dimensions?: number | undefined;
  modalities?: ModelModalities | undefined;
  /** The training data's cutoff, as the catalogue writes it (`2024-09-30` or `2024-09`). */
  knowledge_cutoff?: string | undefined;
  /** `YYYY-MM-DD`. */
  release_date?: string | undefined;
  status?: ModelStatus | undefined;
}

/** A model of the built-in catalogue, keyed by the provider KIND that serves it. */
export interface CatalogModel extends ModelFacts {
  kind: string;
  name: string;
}
