import { z } from 'zod';

/** Every error answer: `{ error: { code, message, details } }`. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
  }),
});

export type ApiErrorBody = z.infer<typeof apiErrorSchema>;
