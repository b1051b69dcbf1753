import { z } from 'zod';

/** One model that served successful calls whose cost is unknown, and still has no price. */
export const unpricedModelSchema = z.object({
  model: z.string(),
  /** Successful calls recorded with no cost. */
  calls: z.number(),
  /** When the latest such call was made. */
  last_call_at: z.string(),
  /** False when the registry does not register the model at all (an unregistered override). */
  registered: z.boolean(),
});

/** `GET /v1/usage/unpriced`: models that need a price, by config (`cost:`) or a catalogue import. */
export const unpricedModelsResponseSchema = z.object({ models: z.array(unpricedModelSchema) });

export type UnpricedModel = z.infer<typeof unpricedModelSchema>;
export type UnpricedModelsResponse = z.infer<typeof unpricedModelsResponseSchema>;
