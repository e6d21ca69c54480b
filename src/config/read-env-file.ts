import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from './project-root.js';

/**
 * Loads `.env` from the project root (not the current directory: started from elsewhere, the service
 * would otherwise ignore it and fall back to demo mode). Variables already set in the environment win,
 * as with dotenv (https://nodejs.org/docs/latest-v20.x/api/process.html#processloadenvfilepath).
 * Returns the file read, for the start-up log.
 */
export function readEnvFile(root: string = findProjectRoot()): string | undefined {
  const file = join(root, '.env');
  if (!existsSync(file)) return undefined;
  process.loadEnvFile(file);
  return file;
}
