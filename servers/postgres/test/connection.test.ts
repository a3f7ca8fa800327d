import { ConfigError } from '@bastion-mcp/runtime';
import { describe, expect, it } from 'vitest';
import { describeTarget, resolveConnection } from '../src/lib/connection.js';

describe('resolveConnection', () => {
  it('reads the URL, decoding a percent-encoded password', () => {
    const c = resolveConnection('postgresql://reader:p%40ss%2Fw%23rd@db.example:6543/app', {});
    expect(c.target).toEqual({ host: 'db.example', port: 6543, database: 'app', user: 'reader' });
    expect(c.pg.password).toBe('p@ss/w#rd');
    expect(describeTarget(c.target)).toBe('reader@db.example:6543/app');
  });

  it('falls back to DATABASE_URL, then to libpq PG* variables', () => {
    const fromEnv = resolveConnection(undefined, { DATABASE_URL: 'postgres://u@h/d' });
    expect(fromEnv.target).toEqual({ host: 'h', port: 5432, database: 'd', user: 'u' });
    const libpq = resolveConnection(undefined, {
      PGHOST: 'pg.internal',
      PGPORT: '5433',
      PGUSER: 'analyst',
      PGDATABASE: 'warehouse',
      PGPASSWORD: 'from-env',
    });
    expect(libpq.target).toEqual({ host: 'pg.internal', port: 5433, database: 'warehouse', user: 'analyst' });
    expect(libpq.pg.password).toBe('from-env');
  });

  it('says where its settings came from, and when none were given at all', () => {
    expect(resolveConnection('postgresql://u@h/d', {}).source).toBe('from the URL argument');
    expect(resolveConnection(undefined, { DATABASE_URL: 'postgres://u@h/d', PGPASSWORD: 'x' }).source).toBe(
      'from DATABASE_URL + PGPASSWORD',
    );
    expect(resolveConnection(undefined, { PGHOST: 'pg', PGUSER: 'me' }).source).toBe('from PGHOST + PGUSER');
    const none = resolveConnection(undefined, {});
    expect(none.source).toBe('libpq defaults: no URL argument, DATABASE_URL or PG* variable was given');
    expect(describeTarget(none.target)).toBe('postgres@localhost:5432/postgres');
  });

  it('follows sslmode with libpq meanings, from the URL or PGSSLMODE', () => {
    expect(resolveConnection('postgresql://u@h/d?sslmode=disable', {}).pg.ssl).toBe(false);
    expect(resolveConnection('postgresql://u@h/d?sslmode=require', {}).pg.ssl).toMatchObject({
      rejectUnauthorized: false,
    });
    const full = resolveConnection('postgresql://u@h/d', { PGSSLMODE: 'verify-full' }).pg.ssl;
    expect(full).toEqual({});
    expect(resolveConnection('postgresql://u@h/d', {}).pg.ssl).toBeUndefined();
  });

  it('refuses verify-ca without a root certificate, and other schemes, without echoing the URL', () => {
    expect(() => resolveConnection('postgresql://u:topsecret@h/d?sslmode=verify-ca', {})).toThrow(
      /sslrootcert/,
    );
    for (const url of ['mysql://u:topsecret@h/d', 'postgresql://u:top secret%zz@[bad/d']) {
      let error: unknown;
      try {
        resolveConnection(url, {});
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect(String(error)).not.toContain('topsecret');
      expect(String(error)).not.toContain('top secret');
    }
  });

  it('redacts the password, raw and percent-encoded', () => {
    const c = resolveConnection('postgresql://u:s%40cret@h/d', {});
    expect(c.redact('auth failed for s@cret and s%40cret')).toBe('auth failed for *** and ***');
  });
});
