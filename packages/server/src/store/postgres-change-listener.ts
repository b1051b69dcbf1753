import { createRequire } from 'node:module';
import type pg from 'pg';
import type { ChangeFeedController, StoreChange } from './change-feed.js';
import { CHANGE_CHANNEL } from './change-publisher.js';

/**
 * Shown in `pg_stat_activity` for the LISTEN connection, followed by the instance id, so an operator (or
 * a test) can tell which instance's listener is which.
 */
export const LISTENER_APPLICATION_NAME = 'switchboard-listener';
/** PostgreSQL truncates `application_name` past this. */
const MAX_APPLICATION_NAME_LENGTH = 63;
/** First reconnect delay after the connection drops; doubles per failed attempt. */
export const LISTENER_MIN_BACKOFF_MS = 100;
/** Longest wait between reconnect attempts. */
export const LISTENER_MAX_BACKOFF_MS = 5_000;

export interface PostgresChangeListenerOptions {
  connectionString: string;
  /** This instance's id: its own notifications are skipped, the feed already told it. */
  instanceId: string;
  feed: ChangeFeedController;
  /** Told about lost connections and failed reconnects. */
  onError?: (error: Error) => void;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/** The LISTEN side of the change feed on PostgreSQL. */
export interface PostgresChangeListener {
  /** Stops listening and reconnecting. */
  close(): Promise<void>;
}

function parseNotification(payload: string | undefined): (StoreChange & { origin?: unknown }) | undefined {
  try {
    const value = JSON.parse(payload ?? '') as {
      kind?: unknown;
      userId?: unknown;
      provider?: unknown;
      origin?: unknown;
    };
    if (value.kind === 'provider_keys' && typeof value.provider === 'string') {
      return { kind: 'provider_keys', provider: value.provider, origin: value.origin };
    }
    if (value.kind === 'user_provider_keys' && typeof value.userId === 'string') {
      return { kind: 'user_provider_keys', userId: value.userId, origin: value.origin };
    }
    if (value.kind === 'defaults') return { kind: 'defaults', origin: value.origin };
    if (value.kind === 'limits') return { kind: 'limits', origin: value.origin };
    if (value.kind === 'catalog') return { kind: 'catalog', origin: value.origin };
    if (value.kind === 'preferences' && typeof value.userId === 'string') {
      return { kind: 'preferences', userId: value.userId, origin: value.origin };
    }
  } catch {}
  return undefined;
}

/**
 * LISTENs on a dedicated connection (a pooled one would be handed to queries and lose the LISTEN). When
 * it drops (database restart, killed backend), the feed says `lost`; it reconnects with jittered
 * exponential backoff and then says `resync`, because notifications sent meanwhile are gone for good.
 * Resolves once the first LISTEN is in place, so a cache built afterwards misses nothing.
 */
export async function startPostgresChangeListener(
  options: PostgresChangeListenerOptions,
): Promise<PostgresChangeListener> {
  const { feed, instanceId } = options;
  // Loaded here, not at the top: a SQLite start never loads `pg`.
  const { Client } = createRequire(import.meta.url)('pg') as typeof pg;
  const onError = options.onError ?? (() => {});
  const minBackoff = options.minBackoffMs ?? LISTENER_MIN_BACKOFF_MS;
  const maxBackoff = options.maxBackoffMs ?? LISTENER_MAX_BACKOFF_MS;
  let client: pg.Client | undefined;
  let closed = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;

  const handleLoss = (lost: pg.Client, error: Error) => {
    if (client !== lost) return;
    client = undefined;
    lost.end().catch(() => {});
    if (closed) return;
    feed.setConnected(false);
    feed.emit({ type: 'lost', error });
    onError(error);
    scheduleReconnect();
  };

  const connect = async (): Promise<void> => {
    const candidate = new Client({
      connectionString: options.connectionString,
      application_name: `${LISTENER_APPLICATION_NAME} ${instanceId}`.slice(0, MAX_APPLICATION_NAME_LENGTH),
      // Without keepalive a silently dropped connection (no RST) would look alive forever.
      keepAlive: true,
    });
    candidate.on('error', (error) => handleLoss(candidate, error));
    candidate.on('end', () => handleLoss(candidate, new Error('the LISTEN connection ended')));
    candidate.on('notification', (message) => {
      if (message.channel !== CHANGE_CHANNEL) return;
      const change = parseNotification(message.payload);
      if (!change) return onError(new Error(`unreadable change notification: ${message.payload}`));
      if (change.origin === instanceId) return;
      const { origin: _origin, ...rest } = change;
      feed.emit({ type: 'change', change: rest as StoreChange, origin: 'remote' });
    });
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch (error) {
      candidate.removeAllListeners('end');
      candidate.end().catch(() => {});
      throw error;
    }
    if (closed) {
      await candidate.end().catch(() => {});
      return;
    }
    client = candidate;
    attempt = 0;
    if (!feed.connected) {
      feed.setConnected(true);
      feed.emit({ type: 'resync' });
    }
  };

  const scheduleReconnect = () => {
    const delay = Math.min(maxBackoff, minBackoff * 2 ** attempt) * (0.5 + Math.random() / 2);
    attempt += 1;
    timer = setTimeout(() => {
      timer = undefined;
      if (closed) return;
      connect().catch((error: Error) => {
        onError(error);
        if (!closed) scheduleReconnect();
      });
    }, delay);
    // A listener waiting to reconnect must not keep an otherwise finished process alive.
    timer.unref();
  };

  await connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const current = client;
      client = undefined;
      await current?.end().catch(() => {});
    },
  };
}
