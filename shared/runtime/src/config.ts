import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { LOG_LEVELS } from './log.js';
import { DEFAULT_TOOLSETS, type Toolset } from './registry.js';
import { DEFAULT_MAX_MESSAGE_BYTES } from './serve/limits.js';
import { DEFAULT_BUDGET } from './server.js';

/** Options every Bastion server takes. */
export const commonOptions = {
  readOnly: z.boolean().default(false).describe('Expose read tools only; wins over every other tool option'),
  toolsets: z.array(z.string()).optional().describe('Toolsets to enable (comma-separated), or "all"'),
  tools: z.array(z.string()).optional().describe('Individual tools to enable besides the toolsets'),
  excludeTools: z.array(z.string()).optional().describe('Tools to disable'),
  maxResponseChars: z
    .number()
    .int()
    .min(1000)
    .default(DEFAULT_BUDGET)
    .describe('Character budget for each tool result'),
  maxMessageBytes: z
    .number()
    .int()
    .min(64 * 1024)
    .default(DEFAULT_MAX_MESSAGE_BYTES)
    .describe(
      'Largest JSON-RPC message accepted (a stdio line or an HTTP body); larger ones are answered with an error',
    ),
  http: z.boolean().default(false).describe('Serve Streamable HTTP at /mcp instead of stdio'),
  host: z.string().default('127.0.0.1').describe('HTTP bind address (non-loopback needs --http-token)'),
  port: z.number().int().min(0).max(65535).default(3000).describe('HTTP port (0 picks a free one)'),
  httpToken: z.string().optional().describe('Bearer token HTTP clients must send'),
  logLevel: z.enum(LOG_LEVELS).default('info').describe('Log level (logs go to stderr)'),
};
export type CommonOptions = z.output<z.ZodObject<typeof commonOptions>>;

export interface ConfigSpec<T extends z.ZodRawShape> {
  /** Server short name: env prefix `<NAME>_`, bin `mcp-server-<name>`. */
  name: string;
  version: string;
  description: string;
  options: T;
  /** Where positional arguments go (an array-of-strings option), and how help names them. */
  positional?: { key: keyof T & string; label: string; roots?: boolean };
  /** Other options holding directories that, like root positionals, are realpath'd at start. */
  rootOptions?: (keyof T & string)[];
  /** The server's toolsets, listed by --help with their descriptions and defaults. */
  toolsets?: readonly Toolset[];
  /**
   * Common options that mean something else (or nothing) for this server: a text explains the flag in
   * --help instead of the generic description; `false` hides it from --help (it is still accepted).
   */
  commonHelp?: Partial<Record<keyof typeof commonOptions, string | false>>;
  /**
   * What the server serves, for the startup line on stderr (e.g. `database reader@db:5432/app (from
   * DATABASE_URL)`); by default the allowed directories of root options.
   */
  serves?: (config: ConfigOf<T>) => string;
}

/** Identity with inference, so `positional.key` is checked against the option names. */
export function defineConfig<T extends z.ZodRawShape>(spec: ConfigSpec<T>): ConfigSpec<T> {
  return spec;
}

export type ConfigOf<T extends z.ZodRawShape> = z.output<z.ZodObject<T>> & CommonOptions;

type Outcome<C> = { run: C } | { exit: number; stdout?: string; stderr?: string };

interface Field {
  key: string;
  flag: string;
  env: string;
  type: 'boolean' | 'number' | 'string' | 'list' | 'enum';
  schema: z.ZodType;
}

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
/** `<PREFIX>_<KEY>`, without doubling a key that already starts with the prefix (git + gitTimeoutMs). */
const envName = (prefix: string, key: string) => {
  const snake = key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
  return snake.startsWith(`${prefix}_`) ? snake : `${prefix}_${snake}`;
};

/**
 * A directory as a person types it: `~` and `~/x` from the home directory, anything relative from
 * the working directory (as a shell or the reference servers would), returned absolute.
 */
export function expandPath(input: string, cwd = process.cwd(), home = os.homedir()): string {
  if (input === '~') return home;
  if (input.startsWith('~/')) return path.join(home, input.slice(2));
  return path.resolve(cwd, input);
}

/**
 * Parses argv and env against one zod schema: defaults < `<NAME>_*` env < CLI flags. Returns the
 * config, or what to print and the exit code (0 for --help/--version, 2 for bad config).
 */
export function parseConfig<T extends z.ZodRawShape>(
  spec: ConfigSpec<T>,
  argv: readonly string[],
  env: Record<string, string | undefined>,
): Outcome<ConfigOf<T>> {
  const shape = { ...commonOptions, ...spec.options } as z.ZodRawShape;
  const fields = Object.entries(shape).map(([key, schema]) =>
    describeField(spec.name, key, schema as z.ZodType),
  );
  try {
    const raw: Record<string, unknown> = {};
    for (const field of fields) {
      const value = env[field.env];
      if (value !== undefined && value !== '' && field.key !== spec.positional?.key)
        raw[field.key] = fromText(field, value, field.env);
    }
    const cli = parseArgv(fields, argv, spec);
    if (cli === 'help') return { exit: 0, stdout: helpText(spec, fields) };
    if (cli === 'version') return { exit: 0, stdout: `${spec.version}\n` };
    Object.assign(raw, cli);
    const parsed = z.object(shape).safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = fields.find((f) => f.key === issue?.path[0]);
      const where = field ? `--${field.flag} (env ${field.env})` : 'arguments';
      throw new ConfigError(`${where}: ${issue?.message ?? 'invalid value'}`);
    }
    return { run: parsed.data as ConfigOf<T> };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { exit: 2, stderr: usageError(spec, error.message) };
  }
}

/** One option as --help documents it, for generated docs (server.json, READMEs). */
export interface OptionDoc {
  key: string;
  flag: string;
  env: string;
  type: 'boolean' | 'number' | 'string' | 'list' | 'enum';
  description: string;
  default?: unknown;
  values?: string[];
  /** One of the options every server takes (not the server's own). */
  common: boolean;
}

/** The options of a server (positional excluded), with their flags and env twins. */
export function optionDocs<T extends z.ZodRawShape>(spec: ConfigSpec<T>): OptionDoc[] {
  const shape = { ...commonOptions, ...spec.options } as z.ZodRawShape;
  return Object.entries(shape)
    .filter(([key]) => key !== spec.positional?.key)
    .map(([key, schema]) => {
      const field = describeField(spec.name, key, schema as z.ZodType);
      const fallback = defaultOf(field.schema);
      return {
        key,
        flag: `--${field.flag}`,
        env: field.env,
        type: field.type,
        description: field.schema.description ?? '',
        ...(fallback === undefined ? {} : { default: fallback }),
        ...(field.type === 'enum' ? { values: enumValues(field.schema) } : {}),
        common: key in commonOptions && !(key in spec.options),
      };
    });
}

export function usageError<T extends z.ZodRawShape>(spec: ConfigSpec<T>, message: string): string {
  return `mcp-server-${spec.name}: ${message}\n${usageLine(spec)}\nRun with --help for every option.\n`;
}

function describeField(prefix: string, key: string, schema: z.ZodType): Field {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
  const type =
    inner instanceof z.ZodBoolean
      ? 'boolean'
      : inner instanceof z.ZodNumber
        ? 'number'
        : inner instanceof z.ZodArray
          ? 'list'
          : inner instanceof z.ZodEnum
            ? 'enum'
            : 'string';
  return { key, flag: kebab(key), env: envName(prefix.toUpperCase().replace(/-/g, '_'), key), type, schema };
}

function fromText(field: Field, value: string, source: string): unknown {
  switch (field.type) {
    case 'boolean':
      if (/^(1|true|yes|on)$/i.test(value)) return true;
      if (/^(0|false|no|off)$/i.test(value)) return false;
      throw new ConfigError(`${source}: expected true or false, got "${value}"`);
    case 'number': {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n))
        throw new ConfigError(`${source}: expected a number, got "${value}"`);
      return n;
    }
    case 'list':
      return splitList(value);
    default:
      return value;
  }
}

/** Splits on commas outside braces, so a glob like `*.{js,ts}` stays whole. */
export function splitList(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of value) {
    if (ch === '{') depth++;
    if (ch === '}') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

function parseArgv<T extends z.ZodRawShape>(
  fields: Field[],
  argv: readonly string[],
  spec: ConfigSpec<T>,
): Record<string, unknown> | 'help' | 'version' {
  const out: Record<string, unknown> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--version' || arg === '-V') return 'version';
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const negated = name.startsWith('no-')
      ? fields.find((f) => f.flag === name.slice(3) && f.type === 'boolean')
      : undefined;
    const field = negated ?? fields.find((f) => f.flag === name && f.key !== spec.positional?.key);
    if (!field) throw new ConfigError(`unknown option --${name}`);
    if (negated) {
      out[field.key] = false;
      continue;
    }
    let value: string | undefined = eq === -1 ? undefined : arg.slice(eq + 1);
    if (value === undefined && field.type === 'boolean') {
      out[field.key] = true;
      continue;
    }
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) throw new ConfigError(`--${field.flag} needs a value`);
    }
    const parsed = fromText(field, value, `--${field.flag}`);
    const previous = out[field.key];
    out[field.key] =
      field.type === 'list' && Array.isArray(previous) ? [...previous, ...(parsed as string[])] : parsed;
  }
  if (positionals.length > 0) {
    if (!spec.positional) throw new ConfigError(`unexpected argument "${positionals[0]}"`);
    out[spec.positional.key] = positionals;
  }
  return out;
}

function usageLine<T extends z.ZodRawShape>(spec: ConfigSpec<T>): string {
  const positional = spec.positional ? ` [${spec.positional.label}...]` : '';
  return `Usage: mcp-server-${spec.name} [options]${positional}`;
}

function helpText<T extends z.ZodRawShape>(spec: ConfigSpec<T>, fields: Field[]): string {
  const lines = [`mcp-server-${spec.name} ${spec.version}: ${spec.description}`, '', usageLine(spec), ''];
  if (spec.positional) {
    const field = fields.find((f) => f.key === spec.positional?.key);
    const how = spec.positional.roots ? ' (relative to the working directory; ~ is your home)' : '';
    lines.push('Arguments:', `  ${spec.positional.label}...  ${field?.schema.description ?? ''}${how}`, '');
  }
  const toolsets = spec.toolsets ?? DEFAULT_TOOLSETS;
  lines.push('Toolsets (--toolsets a,b or all; * = on by default):');
  const width = Math.max(...toolsets.map((t) => t.name.length));
  for (const t of toolsets)
    lines.push(`  ${t.default ? '*' : ' '} ${t.name.padEnd(width)}  ${t.description}`);
  lines.push('', 'Options:');
  const commonHelp = (spec.commonHelp ?? {}) as Record<string, string | false | undefined>;
  for (const field of fields) {
    if (field.key === spec.positional?.key || commonHelp[field.key] === false) continue;
    const value =
      field.type === 'boolean'
        ? ''
        : field.type === 'list'
          ? ' <a,b,...>'
          : field.type === 'enum'
            ? ` <${enumValues(field.schema).join('|')}>`
            : ` <${field.type}>`;
    const fallback = defaultOf(field.schema);
    const shown = fallback === undefined ? '' : ` (default: ${JSON.stringify(fallback)})`;
    const description = commonHelp[field.key] || field.schema.description || '';
    lines.push(`  --${field.flag}${value}`, `      ${description}${shown} [env ${field.env}]`);
  }
  lines.push('  --help, --version');
  return `${lines.join('\n')}\n`;
}

function enumValues(schema: z.ZodType): string[] {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
  return inner instanceof z.ZodEnum ? (inner.options as string[]) : [];
}

function defaultOf(schema: z.ZodType): unknown {
  return schema instanceof z.ZodDefault ? (schema._zod.def.defaultValue as unknown) : undefined;
}
