import { z } from 'zod';

/** Thrown at start-up when the environment does not describe a runnable service. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates configuration from environment variables.
 * Every problem is reported at once, by variable name, so a misconfigured pod fails with one
 * readable message instead of a stack trace from deep inside a client library.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.length ? String(issue.path[0]) : '(environment)';
        const value = env[name];
        const shown = value === undefined ? 'not set' : `got "${redact(name, value)}"`;
        return `${name}: ${issue.message} (${shown})`;
      }),
    );
  }
  return result.data;
}

function redact(name: string, value: string): string {
  return /KEY|SECRET|PASSWORD|TOKEN|MONGO_URL/i.test(name) ? '<redacted>' : value;
}
