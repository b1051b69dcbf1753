import { z } from 'zod';

/** `GET /v1/me`: who the server takes the caller for. */
export const meResponseSchema = z.object({
  user: z.string(),
  role: z.enum(['user', 'admin']),
  auth_mode: z.enum(['local', 'token']),
});

export type MeResponse = z.infer<typeof meResponseSchema>;
