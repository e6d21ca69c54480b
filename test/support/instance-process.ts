import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Config } from '../../src/config/config.js';

export interface InstanceProcess {
  url: string;
  pid: number;
  /** SIGKILL: no shutdown code runs, as when a machine dies or the OOM killer strikes. */
  kill(): Promise<void>;
  /** SIGTERM and wait for a graceful exit. */
  stop(): Promise<void>;
  /** The exit code once the process has exited (null before, or when a signal ended it). */
  exitCode(): number | null;
}

/**
 * The environment an operator would give each instance of one deployment, for simulators started by the
 * test (live mode, so the child starts no simulators of its own).
 */
export function liveEnvFor(c: Config, extra: Record<string, string>): Record<string, string> {
  return {
    SESSION_SECRET: 'process-test-secret-0123456789abcdefghij',
    TOKEN_ENCRYPTION_KEY: c.tokenEncryptionKey,
    PUBLIC_BASE_URL: c.publicBaseUrl,
    HUBSPOT_CLIENT_ID: c.hubspot.clientId,
    HUBSPOT_CLIENT_SECRET: c.hubspot.clientSecret,
    HUBSPOT_REDIRECT_URI: c.hubspot.redirectUri,
    HUBSPOT_AUTHORIZE_URL: c.hubspot.authorizeUrl,
    HUBSPOT_API_BASE_URL: c.hubspot.apiBaseUrl,
    ADOBE_CLIENT_ID: c.adobe.clientId,
    ADOBE_CLIENT_SECRET: c.adobe.clientSecret,
    ADOBE_IMS_ORG: c.adobe.imsOrg,
    ADOBE_IMS_TOKEN_URL: c.adobe.imsTokenUrl,
    FLOW_SERVICE_BASE_URL: c.adobe.flowServiceBaseUrl,
    SCHEMA_REGISTRY_BASE_URL: c.adobe.schemaRegistryBaseUrl,
    CATALOG_BASE_URL: c.adobe.catalogBaseUrl,
    DATA_PREP_BASE_URL: c.adobe.dataPrepBaseUrl,
    UPSTREAM_TIMEOUT_MS: '10000',
    ...extra,
  };
}

/** Starts test/support/instance-main.ts in a child process (through tsx) and waits until it listens. */
export async function startInstanceProcess(env: Record<string, string>): Promise<InstanceProcess> {
  const { child, first } = await spawnScript<{ url: string }>(new URL('./instance-main.ts', import.meta.url).pathname, env);
  return processHandle(child, first.url);
}

/**
 * Runs a script in a child process and waits for the first line it prints, parsed as JSON: a TypeScript file through
 * tsx, a compiled JavaScript file (the bench's, bench/helper-scripts.ts) with node alone.
 */
export async function spawnScript<T>(
  script: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<{ child: ChildProcess; first: T }> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, ...(script.endsWith('.ts') ? ['--import', 'tsx'] : []), script], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const first = await new Promise<T>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve(JSON.parse(line) as T));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
  });
  return { child, first };
}

/** Kill and stop for a child process. */
export function processHandle(child: ChildProcess, url: string): InstanceProcess {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    url,
    pid: child.pid!,
    async kill() {
      if (!gone()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!gone()) child.kill('SIGTERM');
      await exited;
    },
    exitCode: () => child.exitCode,
  };
}
