import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured logging: one JSON line per event. Callers pass only ids, names and counts, never raw
 * Alexa user ids, utterances or session attributes.
 */
export interface Log {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function createLog(): Log {
  const logger = new Logger({ serviceName: 'leg-cramp-helper' });
  return {
    info: (message, fields) => logger.info(message, fields ?? {}),
    warn: (message, fields) => logger.warn(message, fields ?? {}),
    error: (message, fields) => logger.error(message, fields ?? {}),
  };
}

/** What may be logged about an error: its name, code and message, not its stack or request data. */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? { cause: error.cause.name, causeMessage: error.cause.message } : {};
    return { error: error.name, errorMessage: error.message, ...cause };
  }
  return { error: typeof error };
}
