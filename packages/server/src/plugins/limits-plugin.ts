import { type LimitRule, limitWindowAt, toLimitRule } from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Gauge } from 'prom-client';
import { createLimitService, type LimitService } from '../limits/limit-service.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The limits in force and the admission every upstream call goes through. */
    limits: Limits;
  }
}

/** The service, plus reloading the runtime rules from the database (a write here awaits it). */
export interface Limits extends LimitService {
  reload(): Promise<void>;
}

export interface LimitsPluginOptions {
  /** The clock of the limits' windows; tests inject one to roll windows over without sleeping. */
  now?: (() => number) | undefined;
}

/** How often counters of windows that ended more than a day ago are deleted from the database. */
const PRUNE_INTERVAL_MS = 60 * 60 * 1000;
const PRUNE_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * The limits: the config's rules plus the runtime ones (`limit_rules`, reloaded whenever any instance
 * writes one), counters in Redis when `storage.redis` is set and in the database otherwise, and the
 * metrics `switchboard_limit_refusals_total{limit}`, `switchboard_limit_used{limit}` and
 * `switchboard_limit_remaining{limit}`.
 */
export const limitsPlugin = fp(
  async (app: FastifyInstance, options: LimitsPluginOptions) => {
    const now = options.now ?? Date.now;
    const redisUrl = app.config.config.storage?.redis;
    const counters = redisUrl
      ? // ioredis is loaded only when Redis holds the counters.
        await (await import('../limits/redis-limit-counters.js')).createRedisLimitCounters({
          url: redisUrl,
          now,
          onError: (error) => app.log.warn({ err: error }, 'Redis (limit counters) connection error'),
        })
      : app.store.limitCounters;
    const configRules = Object.entries(app.config.config.limits ?? {}).map(([name, rule]) =>
      toLimitRule(name, rule, 'config'),
    );
    const refusals = new Counter({
      name: 'switchboard_limit_refusals_total',
      help: 'Calls refused by a limit (limit_exceeded or unpriced_model), by limit',
      labelNames: ['limit'] as const,
      registers: [app.metrics],
    });
    const service = createLimitService({
      counters,
      configRules,
      now,
      onRefused: (rule) => refusals.inc({ limit: rule.name }),
      onError: (error) => app.log.error({ err: error }, 'limit settlement failed'),
    });

    const reload = async () => {
      const stored = await app.store.limitRules.list();
      const rules: LimitRule[] = [];
      for (const entry of stored) {
        try {
          rules.push(toLimitRule(entry.name, entry.rule, 'runtime'));
        } catch (error) {
          app.log.warn({ err: error, limit: entry.name }, 'stored limit rule skipped');
        }
      }
      service.setRuntimeRules(rules);
    };
    await reload();
    const unsubscribe = app.store.changes.subscribe((event) => {
      if (event.type === 'lost') return;
      if (event.type === 'change' && event.change.kind !== 'limits') return;
      reload().catch((error) => app.log.warn({ err: error }, 'limit rules reload failed'));
    });

    // Gauges are read when Prometheus scrapes: per rule, the counter nearest its limit (for a "*" rule,
    // the most used of its subjects), in the window that holds now.
    const readGauges = async () => {
      const values = await Promise.all(
        service.matcher.rules.map(async (rule) => {
          const { counters: found } = await service.readCounters(rule);
          const used = Math.max(0, ...found.map((counter) => counter.used + counter.reserved));
          return { rule, used };
        }),
      );
      return values;
    };
    new Gauge({
      name: 'switchboard_limit_used',
      help: 'Used (plus reserved) in the current window, by limit; for a "*" rule its most used counter',
      labelNames: ['limit'] as const,
      registers: [app.metrics],
      async collect() {
        this.reset();
        for (const { rule, used } of await readGauges()) this.set({ limit: rule.name }, used);
      },
    });
    new Gauge({
      name: 'switchboard_limit_remaining',
      help: 'Left in the current window, by limit; for a "*" rule what its most used counter has left',
      labelNames: ['limit'] as const,
      registers: [app.metrics],
      async collect() {
        this.reset();
        for (const { rule, used } of await readGauges()) {
          this.set({ limit: rule.name }, Math.max(0, rule.limit - used));
        }
      },
    });

    const prune = setInterval(() => {
      const before = limitWindowAt('minute', now()).start - PRUNE_AFTER_MS;
      counters.prune(before).catch((error) => app.log.warn({ err: error }, 'limit counters prune failed'));
    }, PRUNE_INTERVAL_MS);
    prune.unref();

    app.decorate('limits', Object.assign(service, { reload }));
    app.addHook('onClose', async () => {
      clearInterval(prune);
      unsubscribe();
      await service.flush();
      if (redisUrl) await counters.close();
    });
  },
  {
    name: 'switchboard-limits',
    dependencies: ['switchboard-config', 'switchboard-store', 'switchboard-metrics'],
  },
);
