import { chatMessageSchema } from '@switchboard/core';
import { z } from 'zod';

/** A conversation's ID: the client's choice, unique among its running conversations on the socket. */
const conversationId = z.string().min(1).max(128);

/** `{ type: "chat", id, model?, task?, messages }`: starts a conversation (task `chat` unless named). */
export const wsChatMessageSchema = z.strictObject({
  type: z.literal('chat'),
  id: conversationId,
  /** A model ID that overrides the caller's choice for the task. */
  model: z.string().min(1).optional(),
  task: z.string().min(1).max(100).optional(),
  messages: z.array(chatMessageSchema).min(1),
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.int().positive().optional(),
});

/** `{ type: "cancel", id }`: aborts that conversation's upstream call. */
export const wsCancelMessageSchema = z.strictObject({ type: z.literal('cancel'), id: conversationId });

export type WsChatMessage = z.infer<typeof wsChatMessageSchema>;
