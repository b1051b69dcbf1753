import { userIdSchema } from '@switchboard/core';
import { InvalidRequestError } from '../../errors/invalid-request-error.js';
import { NotFoundError } from '../../errors/not-found-error.js';
import type { CliIo, GlobalOptions } from '../cli-io.js';
import { formatTable } from '../format-table.js';
import { withConfiguredStore } from '../open-configured-store.js';

export interface TokensCreateOptions extends GlobalOptions {
  user: string;
  admin?: boolean | undefined;
  name?: string | undefined;
  json?: boolean | undefined;
}

/** `switchboard tokens create --user U [--admin] [--name N]`: prints the secret, the only time it exists. */
export async function createToken(options: TokensCreateOptions, io: CliIo): Promise<number> {
  const user = userIdSchema.safeParse(options.user);
  if (!user.success) {
    throw new InvalidRequestError(`--user ${JSON.stringify(options.user)}: ${user.error.issues[0]?.message}`);
  }
  const token = await withConfiguredStore(options, (store) =>
    store.tokens.create({
      userId: user.data,
      role: options.admin ? 'admin' : 'user',
      name: options.name ?? null,
    }),
  );
  if (options.json) {
    io.out(`${JSON.stringify(token, null, 2)}\n`);
    return 0;
  }
  io.out(`${token.secret}\n`);
  io.err(
    `Created token ${token.id} for user "${token.userId}" (${token.role}). This is the only time the secret is shown: store it now.\nUse it as: Authorization: Bearer <token>\n`,
  );
  return 0;
}

/** `switchboard tokens list [--user U] [--json]`: never the secrets, which are not stored. */
export async function listTokens(
  options: GlobalOptions & { user?: string; json?: boolean },
  io: CliIo,
): Promise<number> {
  const tokens = await withConfiguredStore(options, (store) =>
    store.tokens.list(options.user ? { userId: options.user } : undefined),
  );
  if (options.json) {
    io.out(`${JSON.stringify(tokens, null, 2)}\n`);
    return 0;
  }
  const rows = tokens.map((token) => [
    token.id,
    token.userId,
    token.role,
    token.name ?? '-',
    token.createdAt,
    token.lastUsedAt ?? 'never',
    token.revokedAt ? `revoked ${token.revokedAt}` : 'active',
  ]);
  io.out(`${formatTable(['ID', 'USER', 'ROLE', 'NAME', 'CREATED', 'LAST USED', 'STATE'], rows)}\n`);
  return 0;
}

/** `switchboard tokens revoke ID`. */
export async function revokeToken(id: string, options: GlobalOptions, io: CliIo): Promise<number> {
  const revoked = await withConfiguredStore(options, (store) => store.tokens.revoke(id));
  if (!revoked) {
    throw new NotFoundError(`No active token with ID "${id}" ("switchboard tokens list" shows them).`, {
      id,
    });
  }
  io.out(`revoked ${id}\n`);
  return 0;
}
