import { describe, expect, it } from 'vitest';
import { InvalidStoreUrlError, redactPassword } from './invalid-store-url-error.js';
import { parseStoreUrl } from './parse-store-url.js';

describe('parseStoreUrl', () => {
  it('resolves a relative SQLite path against the working directory', () => {
    expect(parseStoreUrl('sqlite:./data/switchboard.db', '/srv/app')).toEqual({
      dialect: 'sqlite',
      filename: '/srv/app/data/switchboard.db',
    });
    expect(parseStoreUrl('sqlite:data.db', '/srv/app')).toEqual({
      dialect: 'sqlite',
      filename: '/srv/app/data.db',
    });
  });

  it('keeps absolute SQLite paths, in both spellings', () => {
    expect(parseStoreUrl('sqlite:/var/lib/sb.db', '/x')).toEqual({
      dialect: 'sqlite',
      filename: '/var/lib/sb.db',
    });
    expect(parseStoreUrl('sqlite:///var/lib/sb.db', '/x')).toEqual({
      dialect: 'sqlite',
      filename: '/var/lib/sb.db',
    });
    expect(parseStoreUrl('sqlite://./rel.db', '/x')).toEqual({ dialect: 'sqlite', filename: '/x/rel.db' });
  });

  it('knows the in-memory database', () => {
    expect(parseStoreUrl('sqlite::memory:')).toEqual({ dialect: 'sqlite', filename: ':memory:' });
  });

  it('hands PostgreSQL URLs to pg as they are', () => {
    for (const url of [
      'postgres://user@db:5432/switchboard',
      'postgresql://u:p@localhost/sb?sslmode=require',
    ]) {
      expect(parseStoreUrl(url)).toEqual({ dialect: 'postgres', connectionString: url });
    }
  });

  it('refuses anything else with a typed error that hides the password', () => {
    for (const url of ['mysql://root@localhost/x', 'sqlite:', './data.db', '']) {
      expect(() => parseStoreUrl(url)).toThrow(InvalidStoreUrlError);
    }
    try {
      parseStoreUrl('mysql://root:hunter2@localhost/x');
      expect.unreachable();
    } catch (error) {
      expect((error as InvalidStoreUrlError).code).toBe('invalid_storage_url');
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it('redacts passwords', () => {
    expect(redactPassword('postgres://me:secret@host/db')).toBe('postgres://me:***@host/db');
    expect(redactPassword('postgres://me@host/db')).toBe('postgres://me@host/db');
  });
});
