import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';
import { AppError } from '../errors/app-error.js';
import type { ErrorCode } from '../errors/error-codes.js';
import { isTimeoutError, upstreamRetryPolicy, type RetryRule } from './retry-policy.js';

export interface UpstreamRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /**
   * Extra attempts after the first. Only for calls that are safe to repeat (idempotent reads,
   * client-credentials token requests); never the code exchange or a connection POST.
   */
  retries?: number;
  /** Which answers are retried (default 'unavailable': 429, 5xx, transport failures). See RetryRule. */
  retryWhen?: RetryRule['when'];
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One finished upstream attempt, for metrics. `status` is 0 when no HTTP answer came back. */
export interface UpstreamObservation {
  method: string;
  url: string;
  status: number;
  durationMs: number;
}

/** Which stable codes a transport failure becomes for the calling adapter. */
export interface TransportErrorCodes {
  timeout: ErrorCode;
  unavailable: ErrorCode;
}

/** Responses larger than this are refused: every upstream answer we read is a small JSON document. */
const MAX_BODY_BYTES = 1024 * 1024;

/** Shared undici transport for all Adobe calls; every call gets a deadline (docs/reference/model-codebases.md §2.7). */
export class UpstreamClient {
  readonly #dispatcher: Dispatcher;
  readonly #timeoutMs: number;
  readonly #observe: ((o: UpstreamObservation) => void) | undefined;

  constructor(options: { timeoutMs: number; dispatcher?: Dispatcher; observe?: (o: UpstreamObservation) => void }) {
    this.#timeoutMs = options.timeoutMs;
    this.#observe = options.observe;
    // undici's defaults (10 s connect, 300 s headers/body) are far too long for a request path.
    this.#dispatcher =
      options.dispatcher ??
      new Agent({
        connectTimeout: Math.min(5_000, options.timeoutMs),
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
        keepAliveTimeout: 10_000,
        // A bounded pool per origin: a burst queues on kept-alive sockets instead of opening hundreds.
        connections: 64,
      });
  }

  async send(req: UpstreamRequest, codes: TransportErrorCodes): Promise<UpstreamResponse> {
    const retries = req.retries ?? 0;
    if (retries === 0) return this.#once(req).catch((err: unknown) => Promise.reject(translateTransportError(err, req, codes)));
    // The retries share one deadline: the per-attempt timeout times the attempts allowed.
    const policy = upstreamRetryPolicy({
      retries,
      when: req.retryWhen ?? 'unavailable',
      deadline: Date.now() + this.#timeoutMs * (1 + retries),
    });
    try {
      return await policy.execute(() => this.#once(req));
    } catch (err) {
      throw translateTransportError(err, req, codes);
    }
  }

  close(): Promise<void> {
    return this.#dispatcher.close();
  }

  async #once(req: UpstreamRequest): Promise<UpstreamResponse> {
    if (!this.#observe) return this.#attempt(req);
    const started = performance.now();
    let status = 0;
    try {
      const response = await this.#attempt(req);
      status = response.status;
      return response;
    } finally {
      this.#observe({ method: req.method, url: req.url, status, durationMs: performance.now() - started });
    }
  }

  /**
   * One attempt under one deadline, from connect to the last byte of the body. A controller and one timer cleared
   * on the way out, rather than `AbortSignal.timeout`, whose timer lives on (weakly held) until it fires.
   */
  async #attempt(req: UpstreamRequest): Promise<UpstreamResponse> {
    const deadline = new AbortController();
    const timeoutMs = this.#timeoutMs;
    const timer = setTimeout(() => deadline.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
    try {
      const res = await request(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        dispatcher: this.#dispatcher,
        signal: deadline.signal,
      });
      return { status: res.statusCode, headers: res.headers, text: await readBounded(res.body) };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The body as text, refused (and the socket dropped) once it passes MAX_BODY_BYTES. */
function readBounded(body: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      body.destroy();
      reject(Object.assign(new Error('upstream response too large'), { code: 'RESPONSE_TOO_LARGE' }));
    });
    body.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    body.once('error', reject);
  });
}

function translateTransportError(err: unknown, req: UpstreamRequest, codes: TransportErrorCodes): AppError {
  const where = `${req.method} ${new URL(req.url).origin}${new URL(req.url).pathname}`;
  if (isTimeoutError(err)) return new AppError(codes.timeout, `deadline exceeded: ${where}`, { cause: err });
  return new AppError(codes.unavailable, `transport failure: ${where}`, { cause: err });
}
