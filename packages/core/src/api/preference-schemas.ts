import { z } from 'zod';
import { skippedCandidateSchema } from './resolution-schemas.js';

/** User IDs in paths: letters, digits and `._@-`, up to 128 characters. */
export const USER_ID_PATTERN = /^[A-Za-z0-9._@-]{1,128}$/;

export const userIdSchema = z
  .string()
  .regex(USER_ID_PATTERN, 'expected a user ID of letters, digits and "._@-" (at most 128 characters)');

/** A choice for one task: `{ id: "openai:gpt-4o" }` or `{ provider: "openai", model: "gpt-4o" }`. */
export const preferenceChoiceSchema = z.union([
  z.strictObject({ id: z.string().min(1) }),
  z.strictObject({ provider: z.string().min(1), model: z.string().min(1) }),
]);

/** `PUT /api/users/:user_id/model-preferences`: every task checked first, then all written in one transaction. */
export const putPreferencesBodySchema = z.strictObject({
  tasks: z.record(z.string(), preferenceChoiceSchema),
});

/** `PUT /api/users/:user_id/model-preferences/:task`. */
export const putPreferenceBodySchema = preferenceChoiceSchema;

export const preferenceEntrySchema = z.object({
  /** The model the task uses now; null when nothing resolves (no default configured). */
  id: z.string().nullable(),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  /** `preference` when the user chose it; otherwise which default applied, or `none`. */
  source: z.enum(['preference', 'runtime_default', 'config_default', 'none']),
  /** A stored choice that no longer applies, with why. */
  skipped: z.array(skippedCandidateSchema).optional(),
  updatedAt: z.string().nullable(),
});

/** `GET` (and every write) of `/api/users/:user_id/model-preferences`. */
export const preferencesResponseSchema = z.object({
  userId: z.string(),
  /** Newest write among the user's preferences; null when they never chose. */
  updatedAt: z.string().nullable(),
  /** Increases with every write; the ETag is built from it. */
  version: z.number(),
  tasks: z.record(z.string(), preferenceEntrySchema),
});

export type PreferenceChoice = z.infer<typeof preferenceChoiceSchema>;
export type PutPreferencesBody = z.infer<typeof putPreferencesBodySchema>;
export type PreferenceEntry = z.infer<typeof preferenceEntrySchema>;
export type PreferencesResponse = z.infer<typeof preferencesResponseSchema>;
