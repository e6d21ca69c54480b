import type { Request, Response } from 'express';
import { describe, expect, it, vi } from 'vitest';
import { SESSION_IDLE_MS, SESSION_RENEW_AFTER_MS, regenerateSession, renewSessionWhenDue } from '../../src/web/session.js';

/** A request whose session was saved `savedAgoMs` ago (its cookie expires SESSION_IDLE_MS after that save). */
function requestWithSession(fields: Record<string, unknown>, savedAgoMs = 0) {
  const session = {
    ...fields,
    cookie: { expires: new Date(Date.now() - savedAgoMs + SESSION_IDLE_MS) },
    regenerate: vi.fn((done: (err?: unknown) => void) => done()),
  };
  return { session } as unknown as Request & { session: typeof session & { renewedAt?: number; browserId?: string } };
}

const run = (req: Request) => {
  const next = vi.fn();
  renewSessionWhenDue(req, {} as Response, next);
  expect(next).toHaveBeenCalledOnce();
};

describe('browser session lifetime', () => {
  it('When a session was saved moments ago, then using it changes nothing (no store write, no new cookie)', () => {
    const req = requestWithSession({ browserId: 'b1' }, 1_000);
    run(req);
    expect(req.session.renewedAt).toBeUndefined();
  });

  it('When a session was saved over a minute ago, then using it marks it for saving with a fresh expiry', () => {
    const req = requestWithSession({ browserId: 'b1' }, SESSION_RENEW_AFTER_MS + 1_000);
    run(req);
    expect(req.session.renewedAt).toBeTypeOf('number');
  });

  it('When a flow starts in a session no one saved yet, then its id is kept: express-session issued it on this request', async () => {
    const req = requestWithSession({});
    await regenerateSession(req);
    expect(req.session.regenerate).not.toHaveBeenCalled();
  });

  it('When a flow starts in a session that came from the store, then it is replaced and the browser id carried over', async () => {
    const req = requestWithSession({ browserId: 'b1' });
    await regenerateSession(req);
    expect(req.session.regenerate).toHaveBeenCalledOnce();
    expect(req.session.browserId).toBe('b1');
  });
});
