import { describe, expect, it } from 'vitest';
import { checkScopes } from '../../src/flows/check-scopes.js';
import { AppError } from '../../src/errors/app-error.js';

const REQUIRED = ['oauth', 'crm.objects.contacts.read', 'crm.objects.deals.read'];

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('checkScopes', () => {
  it('When every required and optional scope is granted, then there are no warnings', () => {
    expect(checkScopes([...REQUIRED, 'tickets', 'extra.scope'], REQUIRED, ['tickets'])).toEqual({ missingOptional: [] });
  });

  it('When optional scopes are missing, then they are returned as warnings in configured order', () => {
    expect(checkScopes(REQUIRED, REQUIRED, ['tickets', 'crm.objects.owners.read'])).toEqual({
      missingOptional: ['tickets', 'crm.objects.owners.read'],
    });
  });

  it('When required scopes are missing, then SCOPES_MISSING lists every one of them', () => {
    const err = thrown(() => checkScopes(['oauth'], REQUIRED, ['tickets']));
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      code: 'SCOPES_MISSING',
      status: 403,
      details: { missing: ['crm.objects.contacts.read', 'crm.objects.deals.read'] },
    });
  });

  it('When nothing was granted, then every required scope is reported missing', () => {
    expect(thrown(() => checkScopes([], REQUIRED, []))).toMatchObject({ details: { missing: REQUIRED } });
  });

  it('matches scopes exactly, not by prefix', () => {
    expect(thrown(() => checkScopes(['oauth', 'crm.objects.contacts.read.extra', 'crm.objects.deals.read'], REQUIRED, []))).toMatchObject({
      details: { missing: ['crm.objects.contacts.read'] },
    });
  });
});
