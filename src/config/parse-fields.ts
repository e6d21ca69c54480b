import { envSchema, type ParsedEnv } from './env-schema.js';

type Env = Record<string, string | undefined>;

export interface ParsedFields {
  /** The value of every variable that is valid (or defaulted); invalid ones are absent. */
  values: ParsedEnv;
  /** Names of the variables that were invalid, so that rules depending on them can stand aside. */
  invalid: ReadonlySet<string>;
  problems: string[];
}

/**
 * Validates each variable on its own rather than the object as a whole, so that one bad value does
 * not hide the others' problems, nor the cross-field ones that only involve valid variables.
 */
export function parseFields(env: Env): ParsedFields {
  const values: Record<string, unknown> = {};
  const invalid = new Set<string>();
  const problems: string[] = [];
  for (const [name, schema] of Object.entries(envSchema().shape)) {
    const result = schema.safeParse(env[name]);
    if (result.success) {
      if (result.data !== undefined) values[name] = result.data;
      continue;
    }
    invalid.add(name);
    for (const issue of result.error.issues) problems.push(issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`);
  }
  return { values: values as ParsedEnv, invalid, problems };
}
