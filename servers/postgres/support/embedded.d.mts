import type pg from 'pg';

export interface StartOptions {
  /** Where progress and problems are reported. Defaults to stderr (never stdout). */
  log?: (message: string) => void;
  /** Always start an embedded cluster, serving TLS with a fresh self-signed certificate for 127.0.0.1. */
  tls?: boolean;
}

export interface PostgresCluster {
  /** Superuser URL of the `postgres` database (or PG_TEST_URL as given). */
  adminUrl: string;
  port: number;
  /** With `tls: true`, the certificate clients can trust (sslrootcert). */
  sslRootCert?: string;
  /** True when PG_TEST_URL was used; stop() is then a no-op. */
  external: boolean;
  /** Stops the postmaster and starts it again on the same port and data (embedded clusters only). */
  restart(): Promise<void>;
  /** Stops the cluster and deletes its files. Safe to call more than once. */
  stop(): Promise<void>;
}

export interface TestDatabase {
  name: string;
  /** The admin role, connected to this database. */
  adminUrl: string;
  /** `<name>_reader`: SELECT on every table, view and materialized view; no write privilege. */
  readerUrl: string;
  /** `<name>_writer`: like the reader, plus INSERT, UPDATE, DELETE and sequence usage. */
  writerUrl: string;
  /** Drops the database (ending its sessions) and both roles. */
  drop(): Promise<void>;
}

/** Starts a throwaway cluster, or uses PG_TEST_URL when set. */
export function startPostgres(options?: StartOptions): Promise<PostgresCluster>;

/** Creates a database with reader and writer roles; the name defaults to `bastion_<random>`. */
export function createDatabase(adminUrl: string, name?: string): Promise<TestDatabase>;

/** Runs `fn` with a connected client and closes it afterwards. */
export function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T>;
