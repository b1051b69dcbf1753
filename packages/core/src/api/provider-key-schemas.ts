import { z } from 'zod';
import { KEY_LABEL_PATTERN } from '../config/config-schema.js';

/** A label in a keys route's path: the name a pool key goes by. */
export const keyLabelSchema = z
  .string()
  .regex(KEY_LABEL_PATTERN, 'expected a label of letters, digits, "_", "." or "-" (at most 64)');

/** A key as sent: long enough to be one, no whitespace (a pasted line break would be sent upstream). */
const providerKeyValueSchema = z
  .string()
  .min(8, 'expected the provider key (at least 8 characters)')
  .max(4096, 'expected a key of at most 4,096 characters')
  .regex(/^\S+$/, 'expected a key without spaces or line breaks');

/** `PUT /v1/providers/:provider/keys/:label` body. */
export const putProviderKeyBodySchema = z.strictObject({
  key: providerKeyValueSchema,
  /** Share of calls against the pool's other keys (default 1). */
  weight: z.number().positive().max(1_000_000).optional(),
});

/** One key of a pool: its label and last four characters, never the key. */
export const providerKeyStateSchema = z.object({
  label: z.string(),
  last4: z.string(),
  weight: z.number(),
  /** `config` (the file), `runtime` (the keys API, stored encrypted). */
  source: z.enum(['config', 'runtime']),
  /** `ok`; `cooling` after a 429, until `until`; `bad` after a 401/403, until the key is changed. */
  status: z.enum(['ok', 'cooling', 'bad']),
  until: z.string().optional(),
  upstream_status: z.number().optional(),
});

/** `GET /v1/providers/:provider/keys` answer. */
export const providerKeysResponseSchema = z.object({
  provider: z.string(),
  /** False when the server has no secret to encrypt keys with: `PUT` is refused then. */
  storable: z.boolean(),
  keys: z.array(providerKeyStateSchema),
});

/** `PUT /api/users/:user_id/provider-keys/:provider` body. */
export const putUserProviderKeyBodySchema = z.strictObject({ key: providerKeyValueSchema });

/** One of a user's own keys: its provider and last four characters. */
export const userProviderKeyStateSchema = z.object({
  provider: z.string(),
  last4: z.string(),
  updated_at: z.string(),
});

/** `GET /api/users/:user_id/provider-keys` answer: the user's keys and the providers that take one. */
export const userProviderKeysResponseSchema = z.object({
  userId: z.string(),
  /** Providers whose config says `user_keys: allow`. */
  allowed: z.array(z.string()),
  keys: z.array(userProviderKeyStateSchema),
});

export type PutProviderKeyBody = z.infer<typeof putProviderKeyBodySchema>;
export type ProviderKeyState = z.infer<typeof providerKeyStateSchema>;
export type ProviderKeysResponse = z.infer<typeof providerKeysResponseSchema>;
export type UserProviderKeyState = z.infer<typeof userProviderKeyStateSchema>;
export type UserProviderKeysResponse = z.infer<typeof userProviderKeysResponseSchema>;
