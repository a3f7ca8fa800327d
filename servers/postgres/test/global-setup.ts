// Starts one embedded PostgreSQL for the whole run with a seeded sample database; tests get the
// connection URLs through inject(). Set PG_TEST_URL to use an existing server instead.
import type { TestProject } from 'vitest/node';
import { createDatabase, startPostgres, type TestDatabase } from '../support/embedded.mjs';
import { seedSample } from '../support/sample.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgReaderUrl: string;
    pgWriterUrl: string;
    pgDatabase: string;
    pgReaderRole: string;
    pgWriterRole: string;
  }
}

const log = (message: string) => process.stderr.write(`[global-setup] ${message}\n`);

export default async function setup(project: TestProject) {
  const cluster = await startPostgres({ log });
  let db: TestDatabase | undefined;
  const teardown = async () => {
    // Stop the cluster even if dropping fails (with PG_TEST_URL the database would be left behind).
    await db?.drop().catch((error: unknown) => log(`dropping ${db?.name} failed: ${error}`));
    await cluster.stop();
  };
  try {
    db = await createDatabase(cluster.adminUrl);
    await seedSample(db.adminUrl);
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide('pgAdminUrl', db.adminUrl);
  project.provide('pgReaderUrl', db.readerUrl);
  project.provide('pgWriterUrl', db.writerUrl);
  project.provide('pgDatabase', db.name);
  project.provide('pgReaderRole', `${db.name}_reader`);
  project.provide('pgWriterRole', `${db.name}_writer`);
  return teardown;
}
