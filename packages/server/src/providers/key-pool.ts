/** First cool-down of a key answered 429 without a `Retry-After` (ms); it doubles per 429 in a row. */
export const KEY_BACKOFF_BASE_MS = 1_000;
/** Longest cool-down, whatever `Retry-After` says (ms): a key is tried again within ten minutes. */
export const KEY_COOLDOWN_MAX_MS = 600_000;

/** Where a key came from: the config file, the keys API (stored encrypted), or a user's own. */
export type KeySource = 'config' | 'runtime' | 'user';

/** What a key is doing: serving, waiting out a 429, or refused (401/403) until it is changed. */
export type KeyStatus = 'ok' | 'cooling' | 'bad';

/** One key to put in a pool. */
export interface PoolKeyEntry {
  label: string;
  key: string;
  /** Share of calls against the other keys' (default 1). */
  weight?: number | undefined;
  source: Exclude<KeySource, 'user'>;
}

/** A key picked for one call. `key` is not enumerable, and `toJSON` shows the label only. */
export interface KeyLease {
  readonly label: string;
  readonly source: KeySource;
  readonly key: string;
}

/** One key as status pages show it: never the key, only its last four characters. */
export interface KeyState {
  label: string;
  last4: string;
  weight: number;
  source: Exclude<KeySource, 'user'>;
  status: KeyStatus;
  /** While `cooling`: when the key serves again (ISO 8601). */
  until?: string;
  /** While `bad`: the status the provider answered. */
  upstream_status?: number;
}

/** What an upstream answer says about the key that made the call. */
export type KeyVerdict = 'cooled' | 'bad' | undefined;

/** A provider's keys, picked by weight among the healthy ones. Holds keys: never serialize. */
export interface KeyPool {
  readonly size: number;
  /**
   * The next key by smooth weighted round-robin among the `ok` keys (`except` left out). With none ok:
   * the cooling key that serves again soonest, then a bad one; undefined only for an empty pool.
   */
  pick(except?: ReadonlySet<string>): KeyLease | undefined;
  /** The key a background call (a health probe, discovery) uses, without moving the rotation. */
  peek(): KeyLease | undefined;
  /** Books an upstream status for a lease: 429 cools the key down, 401/403 marks it bad, 2xx heals it. */
  report(lease: KeyLease, status: number, retryAfter?: string | undefined): KeyVerdict;
  /** Whether a key other than those in `except` could serve now. */
  hasOther(except: ReadonlySet<string>): boolean;
  /** Adds or replaces the key under `entry.label`; a changed key starts healthy. Returns the key it replaced. */
  set(entry: PoolKeyEntry): string | undefined;
  /** Removes a key; returns it (for the redactor to forget), or undefined when there was none. */
  remove(label: string): string | undefined;
  /** The keys with their status. */
  describe(): KeyState[];
  /** The entries, keys included, of one source (for reloading the runtime keys). */
  entries(source?: PoolKeyEntry['source']): PoolKeyEntry[];
}

interface Slot extends PoolKeyEntry {
  weight: number;
  current: number;
  coolingUntil: number;
  /** 429s in a row, for the backoff without a `Retry-After`. */
  strikes: number;
  badStatus: number | undefined;
  /** The slot's one lease: a lease is immutable, so every call with this key shares it (no allocation per call). */
  lease?: KeyLease | undefined;
}

/** A lease whose key does not show in logs, JSON or spread objects. */
export function createKeyLease(label: string, source: KeySource, key: string): KeyLease {
  const lease = { label, source, toJSON: () => ({ label, source }) };
  Object.defineProperty(lease, 'key', { value: key, enumerable: false });
  return lease as KeyLease & { toJSON(): unknown };
}

/** The last four characters a status shows of a key (fewer for a very short one, never more than half). */
export function lastFourOf(key: string): string {
  return key.slice(-Math.min(4, Math.floor(key.length / 2)));
}

/** A `Retry-After` (seconds, or an HTTP date) in ms from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Creates a pool. Smooth weighted round-robin (nginx's) rather than a random draw: over any run of calls
 * each key's share is its weight's to within one call, so a 3:1 pool serves 750 of 1,000 calls, not
 * "about" that, and two keys of one weight alternate instead of clumping.
 */
export function createKeyPool(entries: readonly PoolKeyEntry[] = [], now: () => number = Date.now): KeyPool {
  const slots = new Map<string, Slot>();
  const healthy = (slot: Slot, at: number) => slot.badStatus === undefined && slot.coolingUntil <= at;
  const lease = (slot: Slot) => {
    slot.lease ??= createKeyLease(slot.label, slot.source, slot.key);
    return slot.lease;
  };

  const fallbackSlot = (except: ReadonlySet<string> | undefined): Slot | undefined => {
    let best: Slot | undefined;
    for (const slot of slots.values()) {
      if (except?.has(slot.label) || slot.badStatus !== undefined) continue;
      if (!best || slot.coolingUntil < best.coolingUntil) best = slot;
    }
    if (best) return best;
    for (const slot of slots.values()) if (!except?.has(slot.label)) return slot;
    return undefined;
  };

  const pool: KeyPool = {
    get size() {
      return slots.size;
    },
    pick(except) {
      const at = now();
      let total = 0;
      let chosen: Slot | undefined;
      for (const slot of slots.values()) {
        if (except?.has(slot.label) || !healthy(slot, at)) continue;
        slot.current += slot.weight;
        total += slot.weight;
        if (!chosen || slot.current > chosen.current) chosen = slot;
      }
      if (chosen) {
        chosen.current -= total;
        return lease(chosen);
      }
      const other = fallbackSlot(except);
      return other ? lease(other) : undefined;
    },
    peek() {
      const at = now();
      let best: Slot | undefined;
      for (const slot of slots.values()) {
        if (healthy(slot, at) && (!best || slot.weight > best.weight)) best = slot;
      }
      const chosen = best ?? fallbackSlot(undefined);
      return chosen ? lease(chosen) : undefined;
    },
    report(leased, status, retryAfter) {
      const slot = slots.get(leased.label);
      // A key replaced while its call was out: the verdict was about the old key.
      if (!slot || slot.key !== leased.key) return undefined;
      if (status === 429) {
        const at = now();
        const wait = parseRetryAfter(retryAfter, at) ?? KEY_BACKOFF_BASE_MS * 2 ** Math.min(slot.strikes, 10);
        slot.strikes += 1;
        slot.coolingUntil = at + Math.min(Math.max(wait, 1), KEY_COOLDOWN_MAX_MS);
        return 'cooled';
      }
      if (status === 401 || status === 403) {
        slot.badStatus = status;
        return 'bad';
      }
      if (status < 400) slot.strikes = 0;
      return undefined;
    },
    hasOther(except) {
      const at = now();
      for (const slot of slots.values()) if (!except.has(slot.label) && healthy(slot, at)) return true;
      return false;
    },
    set(entry) {
      const previous = slots.get(entry.label);
      const weight = entry.weight ?? 1;
      if (previous && previous.key === entry.key) {
        previous.weight = weight;
        if (previous.source !== entry.source) previous.lease = undefined;
        previous.source = entry.source;
        return undefined;
      }
      slots.set(entry.label, {
        ...entry,
        weight,
        current: 0,
        coolingUntil: 0,
        strikes: 0,
        badStatus: undefined,
      });
      return previous?.key;
    },
    remove(label) {
      const slot = slots.get(label);
      slots.delete(label);
      return slot?.key;
    },
    describe() {
      const at = now();
      return [...slots.values()].map((slot) => {
        const state: KeyState = {
          label: slot.label,
          last4: lastFourOf(slot.key),
          weight: slot.weight,
          source: slot.source,
          status: slot.badStatus !== undefined ? 'bad' : slot.coolingUntil > at ? 'cooling' : 'ok',
        };
        if (state.status === 'cooling') state.until = new Date(slot.coolingUntil).toISOString();
        if (slot.badStatus !== undefined) state.upstream_status = slot.badStatus;
        return state;
      });
    },
    entries(source) {
      return [...slots.values()]
        .filter((slot) => source === undefined || slot.source === source)
        .map(({ label, key, weight, source }) => ({ label, key, weight, source }));
    },
  };
  for (const entry of entries) pool.set(entry);
  return pool;
}
