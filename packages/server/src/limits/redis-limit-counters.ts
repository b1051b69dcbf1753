import { Redis } from 'ioredis';
import {
  type CounterKey,
  type CounterReservation,
  type CounterSettlement,
  LIMIT_EPSILON,
  type LimitCounters,
  type ReserveResult,
} from '../store/limit-counters-repository.js';

/** Prefix of every key Switchboard writes in Redis. */
export const REDIS_KEY_PREFIX = 'switchboard:limit:';
/** How long a window's hash outlives the window: long enough for `GET /v1/limits` right after a reset. */
const KEEP_AFTER_WINDOW_MS = 60 * 60 * 1000;

/**
 * Checks every counter, then (only when all have room) adds to them: all or nothing, atomic, because Redis
 * runs a script without interleaving anything. One hash per rule and window, fields `u|<subject>` (used)
 * and `r|<subject>` (reserved); each key's time to live ends an hour after its window.
 * ARGV per counter: subject, limit, need, add_used, add_reserved, ttl_ms; then epsilon last.
 */
const RESERVE_SCRIPT = `
local epsilon = tonumber(ARGV[#ARGV])
for i = 1, #KEYS do
  local base = (i - 1) * 6
  local subject = ARGV[base + 1]
  local used = tonumber(redis.call('HGET', KEYS[i], 'u|' .. subject) or '0')
  local reserved = tonumber(redis.call('HGET', KEYS[i], 'r|' .. subject) or '0')
  if used + reserved + tonumber(ARGV[base + 3]) > tonumber(ARGV[base + 2]) + epsilon then
    return {i, tostring(used), tostring(reserved)}
  end
end
for i = 1, #KEYS do
  local base = (i - 1) * 6
  local subject = ARGV[base + 1]
  if tonumber(ARGV[base + 4]) ~= 0 then redis.call('HINCRBYFLOAT', KEYS[i], 'u|' .. subject, ARGV[base + 4]) end
  if tonumber(ARGV[base + 5]) ~= 0 then redis.call('HINCRBYFLOAT', KEYS[i], 'r|' .. subject, ARGV[base + 5]) end
  redis.call('PEXPIRE', KEYS[i], ARGV[base + 6])
end
return {0}
`;

/** Adds what calls used and releases their reservations; a reservation never goes below 0. ARGV per counter: subject, add_used, add_reserved, ttl_ms. */
const SETTLE_SCRIPT = `
for i = 1, #KEYS do
  local base = (i - 1) * 4
  local subject = ARGV[base + 1]
  if tonumber(ARGV[base + 2]) ~= 0 then redis.call('HINCRBYFLOAT', KEYS[i], 'u|' .. subject, ARGV[base + 2]) end
  if tonumber(ARGV[base + 3]) ~= 0 then
    local reserved = tonumber(redis.call('HINCRBYFLOAT', KEYS[i], 'r|' .. subject, ARGV[base + 3]))
    if reserved < 0 then redis.call('HSET', KEYS[i], 'r|' .. subject, '0') end
  end
  redis.call('PEXPIRE', KEYS[i], ARGV[base + 4])
end
return 0
`;

interface ScriptedRedis extends Redis {
  switchboardReserve(...args: Array<string | number>): Promise<[number, string?, string?]>;
  switchboardSettle(...args: Array<string | number>): Promise<number>;
}

export interface RedisLimitCountersOptions {
  /** `storage.redis`. */
  url: string;
  /** The clock the windows come from; keys expire relative to it. Default `Date.now`. */
  now?: () => number;
  /** Told of connection errors (ioredis reconnects by itself). */
  onError?: (error: unknown) => void;
}

const keyOf = (op: Pick<CounterKey, 'rule' | 'windowStart'>) =>
  `${REDIS_KEY_PREFIX}${op.rule}:${op.windowStart}`;

/**
 * Counters in Redis (`storage: { redis: "redis://..." }`), the usual home of rate limits shared by many
 * instances. Each reservation and settlement is one round trip (a cached Lua script, `EVALSHA`).
 */
export async function createRedisLimitCounters(options: RedisLimitCountersOptions): Promise<LimitCounters> {
  const now = options.now ?? Date.now;
  const redis = new Redis(options.url, {
    // A call waits at most this long for a lost Redis, then fails, rather than hanging forever.
    maxRetriesPerRequest: 2,
    connectTimeout: 5_000,
    lazyConnect: true,
  }) as ScriptedRedis;
  redis.on('error', (error) => options.onError?.(error));
  redis.defineCommand('switchboardReserve', { lua: RESERVE_SCRIPT });
  redis.defineCommand('switchboardSettle', { lua: SETTLE_SCRIPT });
  await redis.connect();
  const ttl = (op: CounterKey) => Math.max(1, op.windowEnd - now() + KEEP_AFTER_WINDOW_MS);

  return {
    backend: 'redis',
    async reserve(ops: readonly CounterReservation[]): Promise<ReserveResult> {
      const args: Array<string | number> = [ops.length, ...ops.map(keyOf)];
      for (const op of ops) args.push(op.subject, op.limit, op.need, op.addUsed, op.addReserved, ttl(op));
      args.push(LIMIT_EPSILON);
      const [index, used, reserved] = await redis.switchboardReserve(...args);
      if (index === 0) return { ok: true };
      return { ok: false, index: index - 1, used: Number(used), reserved: Number(reserved) };
    },
    async settle(ops: readonly CounterSettlement[]) {
      const args: Array<string | number> = [ops.length, ...ops.map(keyOf)];
      for (const op of ops) args.push(op.subject, op.addUsed, op.addReserved, ttl(op));
      await redis.switchboardSettle(...args);
    },
    async read(rule, windowStart) {
      const fields = await redis.hgetall(keyOf({ rule, windowStart }));
      const bySubject = new Map<string, { used: number; reserved: number }>();
      for (const [field, value] of Object.entries(fields)) {
        const subject = field.slice(2);
        const entry = bySubject.get(subject) ?? { used: 0, reserved: 0 };
        if (field.startsWith('u|')) entry.used = Number(value);
        else entry.reserved = Number(value);
        bySubject.set(subject, entry);
      }
      return [...bySubject.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([subject, value]) => ({ subject, ...value }));
    },
    // Keys expire by themselves an hour after their window.
    prune: async () => {},
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
