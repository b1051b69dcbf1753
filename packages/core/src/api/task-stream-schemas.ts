import { z } from 'zod';
import { servedBySchema } from './task-schemas.js';

/** `event: delta` of a task endpoint's stream (`stream: true`): the next piece of the answer. */
export const taskStreamDeltaSchema = z.object({ text: z.string() });

/**
 * `event: done`: the whole text with the model, source, usage and cost, as a non-streamed answer has them;
 * with a `schema` (`/v1/tasks/:task/generate`), also the validated `object` whose JSON the deltas streamed.
 */
export const taskStreamDoneSchema = servedBySchema.extend({
  text: z.string(),
  object: z.unknown().optional(),
});

export type TaskStreamDelta = z.infer<typeof taskStreamDeltaSchema>;
export type TaskStreamDone = z.infer<typeof taskStreamDoneSchema>;
