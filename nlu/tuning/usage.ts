/** The tuning commands' usage errors: an unknown flag or a bad value, said with the usage line. */
export class UsageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/** Runs `parse` (node:util parseArgs), turning its errors into a UsageError that ends with the usage line. */
export function usageOf<T>(usage: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${usage}`, { cause: error });
  }
}
