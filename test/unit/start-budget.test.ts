import { describe, expect, it } from 'vitest';
import { StartBudget } from '../../src/flows/start-budget.js';

describe('StartBudget', () => {
  const clock = () => {
    const c = { t: 1_000_000, now: () => c.t };
    return c;
  };

  it('When one client holds its budget of open starts, then its next start is refused and another client still starts', () => {
    const budget = new StartBudget({ perClient: 2, total: 10 });
    budget.reserve('a');
    budget.reserve('a');
    expect(() => budget.reserve('a')).toThrow(expect.objectContaining({ code: 'STARTS_BUDGET_SPENT', status: 503 }));
    expect(() => budget.reserve('b')).not.toThrow();
    expect(budget.open).toBe(3);
  });

  it('When the instance holds its total, then every client is refused, whatever its address', () => {
    const budget = new StartBudget({ perClient: 5, total: 3 });
    for (const ip of ['1', '2', '3']) budget.reserve(ip);
    expect(() => budget.reserve('4')).toThrow(expect.objectContaining({ code: 'STARTS_BUDGET_SPENT' }));
  });

  it('When a start comes back from HubSpot (release) or fails (cancel), then its slot is free again, once', () => {
    const budget = new StartBudget({ perClient: 1, total: 10 });
    budget.reserve('a').bind('flow-1');
    budget.release('flow-1');
    budget.release('flow-1');
    expect(budget.open).toBe(0);
    const ticket = budget.reserve('a');
    ticket.cancel();
    ticket.cancel();
    expect(budget.open).toBe(0);
    expect(() => budget.reserve('a')).not.toThrow();
  });

  it('When an abandoned start has held its slot for the hold time, then the slot lapses', () => {
    const c = clock();
    const budget = new StartBudget({ perClient: 1, total: 10, holdMs: 1_000, now: c.now });
    budget.reserve('a').bind('flow-1');
    c.t += 999;
    expect(() => budget.reserve('a')).toThrow();
    c.t += 1;
    expect(() => budget.reserve('a')).not.toThrow();
    budget.release('flow-1');
    expect(budget.open).toBe(1);
  });
});
