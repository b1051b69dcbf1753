import { z } from 'zod';
import { servedBySchema } from './task-schemas.js';

/** `event: delta` of a task endpoint's stream (`stream: true`): the next piece of the answer. */
export const taskStreamDeltaSchema = z.object({ text: z.string() });

/** `event: done`: the whole text with the model, source, usage and cost, as a non-streamed answer has them. */
export const taskStreamDoneSchema = servedBySchema.extend({ text: z.string() });

export type TaskStreamDelta = z.infer<typeof taskStreamDeltaSchema>;
export type TaskStreamDone = z.infer<typeof taskStreamDoneSchema>;
