import type { ProviderInfo } from '@switchboard/core';
import { ProviderKeysUnavailableError } from '../errors/provider-keys-unavailable-error.js';
import { createKeyLease, type KeyLease, type KeyState, lastFourOf } from '../providers/key-pool.js';
import type { ProviderRuntime } from '../providers/provider-runtime.js';
import type { KeyCipher } from '../security/key-cipher.js';
import type { KeyRedactor } from '../security/key-redactor.js';
import type { ChangeEvent } from '../store/change-feed.js';
import type { Store } from '../store/create-store.js';
import type { RegistryState } from './registry-state.js';

const NO_PROVIDERS: ReadonlySet<string> = new Set();

/** The label usage and status give a user's own key. */
export const USER_KEY_LABEL = 'user';

/** A user's own key as they (and admins) see it: never the key, only its last four. */
export interface UserKeyState {
  provider: string;
  last4: string;
  updated_at: string;
}

/** Runtime and user keys: stored sealed, held decrypted in the pools, seen by every instance at once. */
export interface ProviderKeyService {
  /** Whether keys can be stored (a secret is set); `reason` says why not. */
  readonly available: boolean;
  /** The caller's own key for a provider, when it takes user keys and they stored one. */
  userLease(provider: string, userId: string): KeyLease | undefined;
  /** The providers the caller holds their own key for (those that take user keys): resolution's `ownKeys`. */
  ownKeyProviders(userId: string): ReadonlySet<string>;
  /** Every key of every provider, as status shows them. */
  describe(): Record<string, KeyState[]>;
  /** Adds or replaces a runtime key; resolves once this instance serves with it. */
  setRuntimeKey(provider: string, label: string, key: string, weight: number, by: string): Promise<void>;
  /** Removes a runtime key; false when there was none. */
  removeRuntimeKey(provider: string, label: string): Promise<boolean>;
  setUserKey(userId: string, provider: string, key: string): Promise<void>;
  removeUserKey(userId: string, provider: string): Promise<boolean>;
  /** One user's own keys (last four only). */
  describeUserKeys(userId: string): UserKeyState[];
  /** Loads every stored key and starts following the change feed. */
  start(): Promise<void>;
  stop(): void;
}

export interface ProviderKeyServiceOptions {
  store: Store;
  runtimes: () => ProviderRuntime[];
  registry: RegistryState;
  redactor: KeyRedactor;
  /** Undefined when no secret is set: runtime keys are refused with `unavailableReason`. */
  cipher: KeyCipher | undefined;
  unavailableReason: string;
  onError: (error: unknown, message: string) => void;
}

/** The associated data a sealed key is bound to: it opens only in its own row. */
const runtimeContext = (provider: string, label: string) => `provider/${provider}/${label}`;
const userContext = (userId: string, provider: string) => `user/${userId}/${provider}`;

/**
 * Creates the service. Reloads are whole per provider (or per user) and chained, so two changes heard at
 * once apply in order; a reload of this instance's own write is awaited by the write, so the answer of
 * `PUT` means the next call uses the key. Other instances hear it on the change feed (PostgreSQL NOTIFY).
 */
export function createProviderKeyService(options: ProviderKeyServiceOptions): ProviderKeyService {
  const { store, redactor, cipher } = options;
  // Each provider's info as the config made it: a runtime key may make it configured, removing the last
  // one takes that back.
  const original = new Map<
    string,
    Pick<ProviderInfo, 'configured' | 'unconfigured_reason' | 'has_api_key'>
  >();
  const userKeys = new Map<string, Map<string, { key: string; updatedAt: string; lease?: KeyLease }>>();
  // The config's own keys per provider, to put one back when the runtime key that stood in for it goes.
  const configKeys = new Map<string, ReturnType<ProviderRuntime['keys']['entries']>>();
  let chain: Promise<unknown> = Promise.resolve();
  let unsubscribe: (() => void) | undefined;

  const runtimeOf = (name: string) => options.runtimes().find((runtime) => runtime.info.name === name);
  const queue = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => {});
    return next;
  };
  const requireCipher = (): KeyCipher => {
    if (!cipher) throw new ProviderKeysUnavailableError(options.unavailableReason);
    return cipher;
  };

  /** A provider that lacked only a key is configured while its pool holds one, and not once it is empty. */
  const refreshConfigured = (runtime: ProviderRuntime) => {
    const info = runtime.info;
    const base = original.get(info.name);
    if (!base || !info.needs_key) return;
    const keyed = runtime.keys.size > 0;
    if (info.configured === keyed) return;
    // ProviderInfo is shared by the registry (and the discovery's base) and the runtime: one change shows
    // everywhere; a new registry object drops every cache built on the old one (the models listing).
    info.configured = keyed || base.configured;
    info.unconfigured_reason = keyed ? undefined : base.unconfigured_reason;
    info.has_api_key = keyed || base.has_api_key;
    options.registry.replace({ ...options.registry.current });
  };

  const reloadProvider = (name: string) =>
    queue(async () => {
      const runtime = runtimeOf(name);
      if (!runtime) return;
      const rows = cipher ? await store.providerKeys.list(name) : [];
      const wanted = new Map<string, { key: string; weight: number }>();
      for (const row of rows) {
        try {
          wanted.set(row.label, {
            key: cipher!.open(row.ciphertext, runtimeContext(name, row.label)),
            weight: row.weight,
          });
        } catch (error) {
          options.onError(
            error,
            `provider key ${name}/${row.label} does not decrypt with this secret; skipped`,
          );
        }
      }
      const isConfigKey = (key: string) => configKeys.get(name)?.some((entry) => entry.key === key) ?? false;
      for (const entry of runtime.keys.entries('runtime')) {
        if (!wanted.has(entry.label)) {
          runtime.keys.remove(entry.label);
          if (!isConfigKey(entry.key)) redactor.forget(entry.key);
        }
      }
      const held = new Set(runtime.keys.entries().map((entry) => entry.label));
      for (const entry of configKeys.get(name) ?? []) {
        if (wanted.has(entry.label) || held.has(entry.label)) continue;
        // Config keys stay known to the redactor throughout: the server holds them as long as it runs.
        runtime.keys.set(entry);
      }
      for (const [label, { key, weight }] of wanted) {
        // A runtime key under a config key's label replaces it until removed (rotation without a restart).
        const existing = runtime.keys.entries().find((entry) => entry.label === label);
        runtime.keys.set({ label, key, weight, source: 'runtime' });
        if (existing?.key === key) continue;
        if (!isConfigKey(key)) redactor.learn(key);
        if (existing?.source === 'runtime' && !isConfigKey(existing.key)) redactor.forget(existing.key);
      }
      refreshConfigured(runtime);
    });

  const reloadUser = (userId: string) =>
    queue(async () => {
      const rows = cipher ? await store.userProviderKeys.list(userId) : [];
      for (const keys of userKeys.values()) {
        const held = keys.get(userId);
        if (held) {
          redactor.forget(held.key);
          keys.delete(userId);
        }
      }
      for (const row of rows) {
        try {
          const key = cipher!.open(row.ciphertext, userContext(userId, row.provider));
          const keys = userKeys.get(row.provider) ?? new Map();
          userKeys.set(row.provider, keys);
          keys.set(userId, { key, updatedAt: row.updatedAt });
          redactor.learn(key);
        } catch (error) {
          options.onError(error, `a user key for ${row.provider} does not decrypt with this secret; skipped`);
        }
      }
    });

  const reloadAll = async () => {
    for (const runtime of options.runtimes()) await reloadProvider(runtime.info.name);
    if (!cipher) return;
    const users = new Set((await store.userProviderKeys.list()).map((row) => row.userId));
    for (const held of userKeys.values()) for (const userId of held.keys()) users.add(userId);
    for (const userId of users) await reloadUser(userId);
  };

  const onChange = (event: ChangeEvent) => {
    const reload =
      event.type === 'resync'
        ? reloadAll()
        : event.type === 'change' && event.origin === 'remote'
          ? event.change.kind === 'provider_keys'
            ? reloadProvider(event.change.provider)
            : event.change.kind === 'user_provider_keys'
              ? reloadUser(event.change.userId)
              : undefined
          : undefined;
    reload?.catch((error: unknown) => options.onError(error, 'reloading provider keys failed'));
  };

  return {
    get available() {
      return cipher !== undefined;
    },
    userLease(provider, userId) {
      const runtime = runtimeOf(provider);
      if (!runtime?.info.user_keys) return undefined;
      const held = userKeys.get(provider)?.get(userId);
      if (!held) return undefined;
      // One lease per stored key, as the pools do: a new key is a new `held` entry.
      held.lease ??= createKeyLease(USER_KEY_LABEL, 'user', held.key);
      return held.lease;
    },
    ownKeyProviders(userId) {
      // Read on every resolution: with no user keys stored (the usual case) it allocates nothing.
      if (userKeys.size === 0) return NO_PROVIDERS;
      const out = new Set<string>();
      for (const [provider, keys] of userKeys) {
        if (keys.has(userId) && runtimeOf(provider)?.info.user_keys) out.add(provider);
      }
      return out;
    },
    describe() {
      const out: Record<string, KeyState[]> = {};
      for (const runtime of options.runtimes()) out[runtime.info.name] = runtime.keys.describe();
      return out;
    },
    async setRuntimeKey(provider, label, key, weight, by) {
      const sealed = requireCipher().seal(key, runtimeContext(provider, label));
      await store.providerKeys.set({ provider, label, ciphertext: sealed, weight, updatedBy: by });
      await reloadProvider(provider);
    },
    async removeRuntimeKey(provider, label) {
      if (!cipher) return false;
      const removed = await store.providerKeys.remove(provider, label);
      await reloadProvider(provider);
      return removed;
    },
    async setUserKey(userId, provider, key) {
      const sealed = requireCipher().seal(key, userContext(userId, provider));
      await store.userProviderKeys.set({ userId, provider, ciphertext: sealed });
      await reloadUser(userId);
    },
    async removeUserKey(userId, provider) {
      if (!cipher) return false;
      const removed = await store.userProviderKeys.remove(userId, provider);
      await reloadUser(userId);
      return removed;
    },
    describeUserKeys(userId) {
      const out: UserKeyState[] = [];
      for (const [provider, keys] of userKeys) {
        const held = keys.get(userId);
        if (held) out.push({ provider, last4: lastFourOf(held.key), updated_at: held.updatedAt });
      }
      return out.sort((a, b) => a.provider.localeCompare(b.provider));
    },
    async start() {
      for (const runtime of options.runtimes()) {
        const { configured, unconfigured_reason, has_api_key } = runtime.info;
        original.set(runtime.info.name, { configured, unconfigured_reason, has_api_key });
        configKeys.set(runtime.info.name, runtime.keys.entries('config'));
      }
      unsubscribe = store.changes.subscribe(onChange);
      await reloadAll();
    },
    stop() {
      unsubscribe?.();
    },
  };
}
