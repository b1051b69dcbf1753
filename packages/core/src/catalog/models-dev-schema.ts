import { z } from 'zod';

// models.dev's `api.json` (https://models.dev/api.json): lenient about fields it may add, strict about the
// types of those the import reads, so a broken file is refused with the path of what is wrong.

const price = z.number().nonnegative();

const tierPricesShape = {
  input: price,
  output: price,
  cache_read: price.nullish(),
  cache_write: price.nullish(),
  reasoning: price.nullish(),
};

/** `cost.tiers[]`: prices that apply once the input passes `tier.size` tokens. */
const modelsDevTierSchema = z.looseObject({
  tier: z.looseObject({ size: z.int().positive() }),
  ...tierPricesShape,
});

/** `cost`, USD per 1M tokens. The older spelling of a long-context tier is `context_over_200k`. */
const modelsDevCostSchema = z.looseObject({
  ...tierPricesShape,
  tiers: z.array(modelsDevTierSchema).nullish(),
  context_over_200k: z.looseObject(tierPricesShape).nullish(),
});

const modalityList = z.array(z.string());

/** One model of a provider. */
export const modelsDevModelSchema = z.looseObject({
  id: z.string().min(1).nullish(),
  name: z.string().nullish(),
  release_date: z.string().nullish(),
  knowledge: z.string().nullish(),
  attachment: z.boolean().nullish(),
  reasoning: z.boolean().nullish(),
  tool_call: z.boolean().nullish(),
  structured_output: z.boolean().nullish(),
  status: z.string().nullish(),
  cost: modelsDevCostSchema.nullish(),
  limit: z
    .looseObject({
      context: z.int().nonnegative().nullish(),
      input: z.int().nonnegative().nullish(),
      output: z.int().nonnegative().nullish(),
    })
    .nullish(),
  modalities: z.looseObject({ input: modalityList.nullish(), output: modalityList.nullish() }).nullish(),
});

/** One provider: its models by ID. */
export const modelsDevProviderSchema = z.looseObject({
  id: z.string().min(1).nullish(),
  name: z.string().nullish(),
  models: z.record(z.string().min(1), modelsDevModelSchema),
});

/** The whole file: providers by ID. */
export const modelsDevCatalogSchema = z.record(z.string().min(1), modelsDevProviderSchema);

export type ModelsDevCatalog = z.output<typeof modelsDevCatalogSchema>;
export type ModelsDevModel = z.output<typeof modelsDevModelSchema>;
