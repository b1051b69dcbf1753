import { isLoopbackHost } from '../is-loopback-host.js';

/**
 * Why the server must not listen on `host` in `mode`, or `undefined` when it may. `auth.mode: local` treats
 * every caller as the admin, so it is only safe where nobody but this machine can connect. The same text
 * serves `config check` (with the file's position) and `serve` (for `--host` and `HOST`).
 */
export function describeUnsafeBind(host: string, mode: 'local' | 'token'): string | undefined {
  if (mode !== 'local' || isLoopbackHost(host)) return undefined;
  return `Refusing to listen on ${host} with auth.mode: local, which treats every caller as the admin. Listen on 127.0.0.1 (server.host), or set auth.mode: token and create tokens with "switchboard tokens create --user <id> [--admin]".`;
}
