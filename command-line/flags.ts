import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * How every command here reads its command line (npm start, serve, build, package, deploy, bench, models and
 * the NLU's tuning tools): node:util parseArgs, strict, so `--x y` and `--x=y` are alike, and an unknown flag,
 * a missing or empty value, a value given to a switch or a stray word is refused with the command's usage.
 */
export type Flags = NonNullable<ParseArgsConfig['options']>;
export type FlagValues<F extends Flags> = ReturnType<typeof parseArgs<{ options: F; strict: true; allowPositionals: false }>>['values'];

/** A command line refused: the reason, then the usage line. A command says it on stderr and exits 2. */
export class UsageError extends Error {
  constructor(reason: string, usage: string, options?: { cause?: unknown }) {
    super(`${reason}\n${usage}`, options);
    this.name = 'UsageError';
  }
}

export function parseFlags<F extends Flags>(argv: readonly string[], flags: F, usage: string): FlagValues<F> {
  let values: FlagValues<F>;
  try {
    ({ values } = parseArgs({ args: [...argv], options: flags, strict: true, allowPositionals: false }));
  } catch (cause) {
    throw new UsageError(firstLine(cause), usage, { cause });
  }
  for (const [name, value] of Object.entries(values)) {
    if (value === '' || (Array.isArray(value) && value.includes(''))) throw new UsageError(`--${name} needs a value`, usage);
  }
  return values;
}

/** At a command's top level: a UsageError is said on stderr with exit code 2; any other error is thrown on. */
export function refuseUsage(error: unknown): void {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 2;
}

/** parseArgs's own errors carry the reason in `message` (not `instanceof Error` across jest's realms). */
function firstLine(error: unknown): string {
  const message = (error as { message?: unknown } | undefined)?.message;
  return (typeof message === 'string' ? message : String(error)).split('\n')[0]!;
}
