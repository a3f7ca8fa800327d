import { describe, expect, it, onTestFinished } from 'vitest';
import { resolveConnection } from '../src/lib/connection.js';
import { Database } from '../src/lib/database.js';
import { checkRole } from '../src/lib/role.js';
import { admin, urls } from './helpers.js';

// Layer 6 on its own: what the startup check finds for each kind of role.
async function reportFor(url: string) {
  const db = new Database(resolveConnection(url, {}), 1);
  onTestFinished(() => db.close());
  return checkRole(db, 5000);
}

describe('the role check', () => {
  it('finds nothing to warn about for a SELECT-only role', async () => {
    const report = await reportFor(urls().reader);
    expect(report).toEqual({ role: expect.stringMatching(/_reader$/), risks: [] });
  });

  it('names the tables a writer can change and the sequences it can advance', async () => {
    const report = await reportFor(urls().writer);
    expect(report.risks.join('; ')).toMatch(
      /can write to tables \(public\.victim|can write to tables \(shop\./,
    );
    expect(report.risks.join('; ')).toMatch(/advance sequences/);
  });

  it('calls a superuser a superuser first', async () => {
    const report = await reportFor(urls().admin);
    expect(report.risks[0]).toMatch(/is a superuser/);
  });

  it("is not blinded by operators planted ahead of pg_catalog on the role's own search_path", async () => {
    const role = `bastion_blind_${process.pid}`;
    const schema = `blind_${process.pid}`;
    await admin(`CREATE ROLE ${role} LOGIN PASSWORD 'blind-pw'`);
    await admin(`CREATE SCHEMA ${schema}`);
    onTestFinished(async () => {
      await admin(`DROP SCHEMA ${schema} CASCADE`);
      await admin(`DROP OWNED BY ${role}`);
      await admin(`DROP ROLE ${role}`);
    });
    const db = (await admin<{ db: string }>('SELECT current_database() AS db'))[0]?.db as string;
    await admin(`GRANT CONNECT ON DATABASE ${db} TO ${role}`);
    await admin(`GRANT INSERT ON public.victim TO ${role}`);
    // NOT LIKE (the operator !~~) over schema names would now drop every table from the check.
    await admin(
      `CREATE FUNCTION ${schema}.no(name, text) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT false'`,
    );
    await admin(`CREATE OPERATOR ${schema}.!~~ (LEFTARG = name, RIGHTARG = text, FUNCTION = ${schema}.no)`);
    await admin(`GRANT USAGE ON SCHEMA ${schema} TO PUBLIC`);
    await admin(`ALTER ROLE ${role} SET search_path = ${schema}, pg_catalog, public`);
    const url = new URL(urls().admin);
    url.username = role;
    url.password = 'blind-pw';
    const report = await reportFor(url.href);
    expect(report.risks.join('; ')).toMatch(/can write to tables \(public\.victim\)/);
  });

  it('notices CREATE on a schema and membership of pg_write_all_data', async () => {
    const role = `bastion_probe_${process.pid}`;
    await admin(`CREATE ROLE ${role} LOGIN PASSWORD 'probe-pw'`);
    onTestFinished(async () => {
      await admin(`DROP OWNED BY ${role}`);
      await admin(`DROP ROLE ${role}`);
    });
    const db = (await admin<{ db: string }>('SELECT current_database() AS db'))[0]?.db as string;
    await admin(`GRANT CONNECT ON DATABASE ${db} TO ${role}`);
    await admin(`GRANT USAGE, CREATE ON SCHEMA empty_schema TO ${role}`);
    await admin(`GRANT pg_write_all_data TO ${role}`);
    const url = new URL(urls().admin);
    url.username = role;
    url.password = 'probe-pw';
    const report = await reportFor(url.href);
    expect(report.risks).toEqual(
      expect.arrayContaining([
        'it is a member of pg_write_all_data',
        'it can create objects in schema empty_schema',
      ]),
    );
  });
});
