import type { NextFunction, Request, Response } from 'express';

/**
 * One injected misbehaviour. With only `delayMs` the request is delayed and then served normally;
 * with `drop` the socket is destroyed without an answer; with `lostAnswer` the request is served (a create
 * creates) but the client receives the fault's status/body instead of the answer; otherwise the fault's
 * status/body is sent without serving the request.
 */
export interface Fault {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  drop?: boolean;
  lostAnswer?: boolean;
}

export interface FaultTarget {
  method?: string;
  /** Exact path, or a pattern tested against the path (query string excluded). */
  path: string | RegExp;
}

interface Armed {
  target: FaultTarget;
  fault: Fault;
  remaining: number;
}

/** Queue of faults a simulator applies to matching requests, for tests and demos. */
export class FaultInjector {
  readonly #armed: Armed[] = [];

  /** Arms `fault` for the next `times` requests matching `target` (Infinity for all). */
  inject(target: FaultTarget, fault: Fault, times = 1): void {
    this.#armed.push({ target, fault, remaining: times });
  }

  clear(): void {
    this.#armed.length = 0;
  }

  take(method: string, path: string): Fault | undefined {
    const index = this.#armed.findIndex((a) => matches(a.target, method, path));
    const armed = this.#armed[index];
    if (!armed) return undefined;
    armed.remaining -= 1;
    if (armed.remaining <= 0) this.#armed.splice(index, 1);
    return armed.fault;
  }

  /** Express middleware that applies the first armed fault matching the request. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      const fault = this.take(req.method, req.path);
      if (!fault) return next();
      const act = () => applyFault(fault, res, next);
      if (fault.delayMs) setTimeout(act, fault.delayMs).unref();
      else act();
    };
  }
}

function matches(target: FaultTarget, method: string, path: string): boolean {
  if (target.method && target.method.toUpperCase() !== method.toUpperCase()) return false;
  return typeof target.path === 'string' ? target.path === path : target.path.test(path);
}

function applyFault(fault: Fault, res: Response, next: NextFunction): void {
  // A delay-only fault is a slow server: like a real one, it still does the work after the client
  // gave up (which is how a lost answer to a POST can leave a connection behind).
  if (fault.lostAnswer) return loseAnswer(fault, res, next);
  if (fault.status === undefined && fault.body === undefined && !fault.drop) return next();
  if (res.destroyed) return;
  if (fault.drop) {
    res.socket?.destroy();
    return;
  }
  sendFault(fault, res);
}

/**
 * Lets the route do its work, then swaps its answer for the fault's (default 504) before anything is written:
 * what a client sees when a gateway times out after the service acted, the "lost answer" that makes a blind
 * retry of a create duplicate it.
 */
function loseAnswer(fault: Fault, res: Response, next: NextFunction): void {
  const end = res.end.bind(res);
  res.end = ((..._ignored: unknown[]) => {
    res.end = end;
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    sendFault({ ...fault, status: fault.status ?? 504 }, res);
    return res;
  }) as Response['end'];
  next();
}

function sendFault(fault: Fault, res: Response): void {
  res.status(fault.status ?? 500);
  for (const [name, value] of Object.entries(fault.headers ?? {})) res.setHeader(name, value);
  if (fault.body === undefined) {
    res.end();
  } else if (typeof fault.body === 'string') {
    if (!res.hasHeader('content-type')) res.type('text/plain');
    res.send(fault.body);
  } else {
    res.json(fault.body);
  }
}
