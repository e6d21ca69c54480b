import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  raw: string;
  body: { id: string; type: string; created_at: string; data: Record<string, unknown> };
  at: number;
}

/**
 * A partner's webhook endpoint on loopback. `answer` decides each response: a status code, a status with
 * headers, or 'hang' to never answer (the sender's deadline must fire).
 */
export type HookAnswer = number | { status: number; headers: Record<string, string> } | 'hang';

export async function startWebhookReceiver(answer: (hook: ReceivedHook, n: number) => HookAnswer = () => 204) {
  const received: ReceivedHook[] = [];
  const waiters: Array<() => void> = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      const hook: ReceivedHook = { headers: req.headers, raw, body: JSON.parse(raw) as ReceivedHook['body'], at: Date.now() };
      received.push(hook);
      waiters.splice(0).forEach((w) => w());
      const decision = answer(hook, received.length);
      if (typeof decision === 'number') res.writeHead(decision).end();
      else if (decision !== 'hang') res.writeHead(decision.status, decision.headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/aep`;
  return {
    url,
    received,
    /** Resolves once `count` deliveries have arrived (or rejects after `timeoutMs`). */
    async waitFor(count: number, timeoutMs = 5_000): Promise<ReceivedHook[]> {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} webhook deliveries, got ${received.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return received.slice(0, count);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
