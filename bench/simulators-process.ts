/**
 * Benchmark helper process: the three simulators, away from the service being measured. Prints one JSON line
 * (the config pointed at them) and serves GET /stats (IMS tokens issued, connections in Flow Service).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config/load-config.js';
import { startDemo } from '../src/demo/start-demo.js';

const loaded = loadConfig({ PUBLIC_BASE_URL: 'http://localhost:1' });
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
const sandbox = await startDemo(loaded.config);
const stats = createServer((_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ imsTokens: sandbox.ims.tokensIssued(), connections: sandbox.flowService.connections().length }));
});
stats.listen(0, '127.0.0.1', () => {
  process.stdout.write(
    `${JSON.stringify({ config: sandbox.config, statsUrl: `http://127.0.0.1:${(stats.address() as AddressInfo).port}` })}\n`,
  );
});
process.once('SIGTERM', () => void sandbox.close().then(() => process.exit(0)));
