import type { NextFunction, Request, Response } from 'express';

/** What a simulator received, kept so tests can assert on the exact wire request. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[] | undefined>;
  /** Raw body text as received (empty string when none). */
  rawBody: string;
  at: number;
}

export class RequestLog {
  readonly entries: RecordedRequest[] = [];

  record(entry: RecordedRequest): void {
    this.entries.push(entry);
  }

  /** Requests whose method and path match, oldest first. */
  find(method: string, path: string | RegExp): RecordedRequest[] {
    return this.entries.filter((e) => e.method === method && (typeof path === 'string' ? e.path === path : path.test(e.path)));
  }

  clear(): void {
    this.entries.length = 0;
  }
}

/**
 * Reads the raw body once (any content type, up to 1 MiB) into `req.rawBody` and records the request.
 * Simulators parse `rawBody` themselves so that they can be strict about content types.
 */
export function captureRequests(log: RequestLog) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= 1024 * 1024) chunks.push(chunk);
    });
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      (req as Request & { rawBody: string }).rawBody = rawBody;
      log.record({
        method: req.method,
        path: req.path,
        query: req.query as Record<string, string | string[]>,
        headers: { ...req.headers },
        rawBody,
        at: Date.now(),
      });
      next();
    });
    req.on('error', next);
  };
}

export function rawBodyOf(req: Request): string {
  return (req as Request & { rawBody?: string }).rawBody ?? '';
}
