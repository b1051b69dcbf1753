import { Agent } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { CREDENTIAL_HEADERS } from '../providers/credential-headers.js';
import { PROVIDER_KIND_MODULES } from '../providers/index.js';
import { createKeyPool } from '../providers/key-pool.js';
import type { ProviderRuntime } from '../providers/provider-runtime.js';
import { forwardRequestHeaders, forwardResponseHeaders } from './forward-headers.js';

const dispatcher = new Agent();
afterAll(() => dispatcher.close());

function runtimeOf(kind: keyof typeof PROVIDER_KIND_MODULES): ProviderRuntime {
  return {
    info: { name: kind, kind } as ProviderRuntime['info'],
    apiKey: 'sk-provider-key',
    keys: createKeyPool([{ label: 'default', key: 'sk-provider-key', source: 'config' }]),
    headers: { 'x-config': 'from-config' },
    endpoint: new URL('http://127.0.0.1:1/v1'),
    maxResponseBytes: 1024,
    dispatcher,
  };
}

describe('forwardRequestHeaders', () => {
  it('lists every kind’s credential header once', () => {
    const declared = new Set(Object.values(PROVIDER_KIND_MODULES).map((kind) => kind.credential.header));
    expect(CREDENTIAL_HEADERS.map((credential) => credential.header).sort()).toEqual([...declared].sort());
  });

  it.each(Object.keys(PROVIDER_KIND_MODULES) as (keyof typeof PROVIDER_KIND_MODULES)[])(
    'drops the client’s credentials in every kind’s header and puts on the key of %s',
    (name) => {
      const kind = PROVIDER_KIND_MODULES[name];
      const incoming = Object.fromEntries(
        CREDENTIAL_HEADERS.map((credential) => [credential.header, 'client-dummy-key']),
      );
      const out = forwardRequestHeaders(
        { ...incoming, 'content-type': 'application/json', 'x-config': 'from-client' },
        runtimeOf(name),
        kind,
      );
      const { header, scheme } = kind.credential;
      expect(out[header]).toBe(scheme ? `${scheme} sk-provider-key` : 'sk-provider-key');
      for (const credential of CREDENTIAL_HEADERS) {
        if (credential.header !== header) expect(out[credential.header]).toBeUndefined();
      }
      expect(JSON.stringify(out)).not.toContain('client-dummy-key');
      expect(out['content-type']).toBe('application/json');
      expect(out['x-config']).toBe('from-config');
      expect(out['accept-encoding']).toBe('identity');
    },
  );

  it('keeps a version header the client chose over the kind’s default', () => {
    const out = forwardRequestHeaders(
      { 'anthropic-version': '2024-01-01' },
      runtimeOf('anthropic'),
      PROVIDER_KIND_MODULES.anthropic,
    );
    expect(out['anthropic-version']).toBe('2024-01-01');
  });

  it('drops what would let a client re-route, re-dispatch or claim an address upstream', () => {
    const steering = [
      'x-original-url',
      'x-rewrite-url',
      'x-method-override',
      'x-http-method-override',
      'x-http-method',
      'via',
      'x-forwarded-for',
      'x-forwarded-host',
      'x-forwarded-prefix',
      'x-real-ip',
      'true-client-ip',
      'forwarded',
    ];
    const out = forwardRequestHeaders(
      { ...Object.fromEntries(steering.map((name) => [name, '/admin'])), 'x-custom': 'kept' },
      runtimeOf('openai'),
      PROVIDER_KIND_MODULES.openai,
    );
    for (const name of steering) expect(out[name], name).toBeUndefined();
    expect(out['x-custom']).toBe('kept');
  });
});

describe('forwardResponseHeaders', () => {
  it("passes the provider's headers on without hop-by-hop ones, cookies or CORS grants", () => {
    expect(
      forwardResponseHeaders({
        'content-type': 'application/json',
        'x-ratelimit-remaining-requests': '99',
        connection: 'keep-alive, x-hop',
        'x-hop': 'gone',
        'keep-alive': 'timeout=5',
        'set-cookie': ['edge=1'],
        'access-control-allow-origin': '*',
        'access-control-allow-headers': 'authorization',
      }),
    ).toEqual({ 'content-type': 'application/json', 'x-ratelimit-remaining-requests': '99' });
  });
});
