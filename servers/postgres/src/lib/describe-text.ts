import type { TableDescription } from './catalog.js';

const list = (cols: string[]) => cols.join(', ');
const ref = (t: { schema: string; table: string }, cols: string[]) => `${t.schema}.${t.table}(${list(cols)})`;

/** The compact text form of describe_table: one line per column, key, index and constraint. */
export function describeText(t: TableDescription): string {
  const facts = [t.kind.replace('_', ' ')];
  if (t.estimated_rows !== null) facts.push(`~${t.estimated_rows} rows`);
  if (t.size_bytes !== null) facts.push(`${Math.ceil(t.size_bytes / 1024)} kB`);
  if (!t.readable) facts.push('not readable by this role');
  const lines = [`${t.schema}.${t.name} (${facts.join(', ')})${t.comment ? ` - ${t.comment}` : ''}`];
  if (t.partition_of)
    lines.push(`partition of ${t.partition_of.schema}.${t.partition_of.table} ${t.partition_of.bound}`);
  if (t.partition_key) lines.push(`partitioned by ${t.partition_key}`);
  lines.push('columns:');
  for (const c of t.columns) {
    const bits = [c.type, c.nullable ? '' : 'not null'];
    if (c.identity) bits.push(`identity ${c.identity.replace('_', ' ')}`);
    else if (c.generated) bits.push(`generated ${c.generated.kind} as ${c.generated.expression}`);
    else if (c.default !== null) bits.push(`default ${c.default}`);
    if (!c.readable) bits.push('(not readable)');
    lines.push(`  ${c.name} ${bits.filter(Boolean).join(' ')}${c.comment ? ` - ${c.comment}` : ''}`);
  }
  if (t.primary_key) lines.push(`primary key: (${list(t.primary_key.columns)})`);
  for (const fk of t.foreign_keys) {
    const actions = [fk.on_delete !== 'NO ACTION' ? `on delete ${fk.on_delete.toLowerCase()}` : '']
      .concat(fk.on_update !== 'NO ACTION' ? `on update ${fk.on_update.toLowerCase()}` : '')
      .filter(Boolean);
    lines.push(
      `foreign key (${list(fk.columns)}) -> ${ref(fk.references, fk.references.columns)} ${actions.join(' ')}`.trimEnd(),
    );
  }
  for (const r of t.referenced_by)
    lines.push(`referenced by ${ref(r.from, r.from.columns)} -> (${list(r.columns)})`);
  for (const i of t.indexes) lines.push(`index ${i.definition}${i.valid ? '' : ' (INVALID)'}`);
  for (const c of t.check_constraints) lines.push(`check ${c.name}: ${c.definition}`);
  for (const u of t.unique_constraints) lines.push(`unique ${u.name}: (${list(u.columns)})`);
  if (t.definition) lines.push(`definition: ${t.definition.trim()}`);
  return lines.join('\n');
}
