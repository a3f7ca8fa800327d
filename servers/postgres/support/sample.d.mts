export interface SampleFacts {
  readonly schemas: readonly string[];
  readonly customers: number;
  readonly customersWithoutEmail: number;
  readonly orders: number;
  readonly products: number;
  readonly orderItems: number;
  readonly victimRows: number;
  readonly secretValue: string;
  readonly bigRows: number;
}

export const SAMPLE: SampleFacts;

/** Creates the sample schemas in the database at `url` (as admin); skips if already present. */
export function seedSample(url: string): Promise<void>;

export interface SeedBigOptions {
  /** Defaults to SAMPLE.bigRows. */
  rows?: number;
  /** Roles that get SELECT on public.big (createDatabase's default privileges already cover its roles). */
  grantTo?: string[];
}

/** Creates public.big with `rows` rows; skipped when it already has exactly that many. */
export function seedBig(url: string, options?: SeedBigOptions): Promise<void>;
