import type { FieldDef } from 'pg';
import { prepareValue } from 'pg/lib/utils.js';

/** The part of pg's Connection a portal step writes to (the protocol messages, as pg-cursor uses them). */
interface Wire {
  parse(query: { text: string }): void;
  bind(config: { portal: string; values: readonly unknown[]; valueMapper?: (v: unknown) => unknown }): void;
  describe(message: { type: 'P'; name: string }): void;
  execute(config: { portal: string; rows: number }): void;
  sync(): void;
  stream: { cork(): void; uncork(): void };
}

type Parser = (value: string) => unknown;
export type TypeParsers = { getTypeParser: (oid: number, format: 'text') => Parser };

export interface Batch {
  fields: FieldDef[];
  rows: unknown[][];
  /** True when the portal suspended: more rows may follow. */
  more: boolean;
  /** True when the step was cut off at maxWireBytes (the connection is then closed). */
  overflow?: boolean;
}

export interface PortalPlan {
  /** Statements of ours (BEGIN READ ONLY, SET LOCAL ...) to run first, in the same write. */
  prelude?: readonly string[];
  /** Open the portal on this statement (the user's), or fetch from it when omitted. */
  open?: { text: string; values: readonly unknown[] };
  portal: string;
  rows: number;
  fields?: FieldDef[];
  types: TypeParsers;
  /** Bytes the step may receive before the connection is cut (one huge value must not be buffered). */
  maxWireBytes: number;
}

/**
 * One round trip of the extended protocol, written at once and ended by Sync: optional prelude
 * statements, then Parse/Bind/Describe of one statement into a named portal (which outlives Sync inside
 * the transaction), then Execute for at most `rows` rows. An error anywhere skips everything up to
 * Sync, so the user's statement never runs unless the prelude did. A pg "submittable", like pg-cursor.
 */
export class PortalStep {
  readonly done: Promise<Batch>;
  private settle!: { resolve: (b: Batch) => void; reject: (e: unknown) => void };
  private fields: FieldDef[];
  private parsers: Parser[] = [];
  private readonly rows: unknown[][] = [];
  private more = false;
  private failed = false;

  constructor(private readonly plan: PortalPlan) {
    this.fields = plan.fields ?? [];
    this.parsers = this.fields.map((f) => plan.types.getTypeParser(f.dataTypeID, 'text'));
    this.done = new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
    });
  }

  submit(wire: Wire): void {
    const { prelude = [], open, portal, rows } = this.plan;
    wire.stream.cork();
    for (const text of prelude) {
      wire.parse({ text });
      wire.bind({ portal: '', values: [] });
      wire.execute({ portal: '', rows: 0 });
    }
    if (open) {
      wire.parse({ text: open.text });
      wire.bind({ portal, values: open.values, valueMapper: prepareValue });
      wire.describe({ type: 'P', name: portal });
    }
    wire.execute({ portal, rows });
    wire.sync();
    process.nextTick(() => wire.stream.uncork());
  }

  handleRowDescription(message: { fields: FieldDef[] }): void {
    this.fields = message.fields;
    this.parsers = this.fields.map((f) => this.plan.types.getTypeParser(f.dataTypeID, 'text'));
  }

  handleDataRow(message: { fields: (string | null)[] }): void {
    this.rows.push(message.fields.map((v, i) => (v === null ? null : (this.parsers[i] as Parser)(v))));
  }

  handlePortalSuspended(): void {
    this.more = true;
  }

  handleCommandComplete(): void {}
  handleEmptyQuery(): void {}

  handleError(error: unknown): void {
    this.failed = true;
    this.settle.reject(error);
  }

  handleReadyForQuery(): void {
    if (!this.failed) this.settle.resolve({ fields: this.fields, rows: this.rows, more: this.more });
  }

  /** Ends the step with the rows received so far; the caller has closed the connection. */
  overflow(): void {
    this.failed = true;
    this.settle.resolve({ fields: this.fields, rows: this.rows, more: true, overflow: true });
  }
}
