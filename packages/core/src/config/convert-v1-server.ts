import type { ConfigIssue } from '../errors/config-error.js';

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What the Go service's own server keys became, and why some have no equivalent. */
const DROPPED_SERVER_KEYS: Record<string, string> = {
  ws_enabled: 'the WebSocket chat (GET /v1/ws/chat) is always on',
  read_timeout: 'upstream timeouts are per provider: models.<provider>.timeout_ms',
  write_timeout: 'upstream timeouts are per provider: models.<provider>.timeout_ms',
  idle_timeout: 'upstream timeouts are per provider: models.<provider>.timeout_ms',
};
const DROPPED_AUTH_KEYS: Record<string, string> = {
  jwt_secret:
    'token mode uses Switchboard\'s own API tokens ("switchboard tokens create --user <id>"), not JWTs signed with a shared secret',
};

export interface V1ServerConversion {
  server: Plain | undefined;
  auth: Plain | undefined;
  converted: string[];
  warnings: string[];
  problems: ConfigIssue[];
}

function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/**
 * Maps the v1 `server:` section (`host`, `port`, `ws_enabled`, `auth: { enabled, jwt_secret }`, timeouts)
 * and a top-level `auth:` of the same shape onto v2's `server` and `auth`. Keys with no equivalent are
 * dropped with a warning that says why; secrets are never repeated in a message.
 */
export function convertV1Server(raw: Plain): V1ServerConversion {
  const converted: string[] = [];
  const warnings: string[] = [];
  const problems: ConfigIssue[] = [];
  const server: Plain = {};
  let auth: Plain | undefined;

  const convertAuth = (old: unknown, at: string) => {
    if (!isPlain(old)) {
      problems.push({
        path: at,
        segments: at.split('.'),
        message: 'expected a mapping like { enabled: true }',
      });
      return;
    }
    for (const [key, value] of Object.entries(old)) {
      const path = `${at}.${key}`;
      if (key === 'mode' || key === 'rate_limit') {
        // Already v2's spelling: carried over for v2 validation to check.
        auth = { ...auth, [key]: value };
      } else if (key === 'enabled') {
        const enabled = toBoolean(value);
        if (enabled === undefined) {
          problems.push({ path, segments: path.split('.'), message: 'expected true or false' });
          continue;
        }
        auth = { ...auth, mode: enabled ? 'token' : 'local' };
        converted.push(`${path}: ${enabled} -> auth.mode: ${enabled ? 'token' : 'local'}`);
        if (enabled) {
          warnings.push(
            'auth.mode is token: create a token per user with "switchboard tokens create --user <id> [--admin]"',
          );
        }
      } else {
        warnings.push(`${path} was dropped: ${DROPPED_AUTH_KEYS[key] ?? 'Switchboard has no equivalent'}`);
      }
    }
  };

  const oldServer = raw.server;
  if (oldServer !== undefined && !isPlain(oldServer)) {
    problems.push({
      path: 'server',
      segments: ['server'],
      message: 'expected a mapping like { host, port }',
    });
  }
  for (const [key, value] of Object.entries(isPlain(oldServer) ? oldServer : {})) {
    if (key === 'host' || key === 'body_limit_bytes') {
      server[key] = value;
    } else if (key === 'port') {
      server.port = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    } else if (key === 'auth') {
      convertAuth(value, 'server.auth');
    } else {
      warnings.push(
        `server.${key} was dropped: ${DROPPED_SERVER_KEYS[key] ?? 'Switchboard has no equivalent'}`,
      );
    }
  }
  if (raw.auth !== undefined) convertAuth(raw.auth, 'auth');
  return {
    server: Object.keys(server).length ? server : undefined,
    auth,
    converted,
    warnings,
    problems,
  };
}
