import { describe, expect, it } from 'vitest';
import { AppError, isAppError, toAppError } from '../../src/errors/app-error.js';
import { ERROR_CODES, type ErrorCode } from '../../src/errors/error-codes.js';

describe('AppError', () => {
  it.each(Object.keys(ERROR_CODES) as ErrorCode[])('takes the status and remedy of %s from the code table', (code) => {
    const err = new AppError(code, 'log message');
    expect(err.status).toBe(ERROR_CODES[code].status);
    expect(err.remedy).toBe(ERROR_CODES[code].remedy);
  });

  it('is an Error named AppError carrying its code, message and cause', () => {
    const cause = new Error('root');
    const err = new AppError('AEP_FORBIDDEN', 'create connection answered 403', { cause });
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('AppError');
    expect(err.code).toBe('AEP_FORBIDDEN');
    expect(err.message).toBe('create connection answered 403');
    expect(err.cause).toBe(cause);
    expect(err).toMatchObject({ status: 502, remedy: 'none' });
  });

  it('has no cause property when none is given', () => {
    expect(new AppError('INTERNAL', 'x')).not.toHaveProperty('cause');
  });

  it('freezes a copy of the details', () => {
    const details = { missing: ['crm.objects.deals.read'] as readonly string[] };
    const err = new AppError('SCOPES_MISSING', 'x', { details });
    expect(err.details).toEqual({ missing: ['crm.objects.deals.read'] });
    expect(err.details).not.toBe(details);
    expect(Object.isFrozen(err.details)).toBe(true);
    expect(new AppError('INTERNAL', 'x').details).toEqual({});
  });
});

describe('isAppError', () => {
  it('accepts an AppError', () => {
    expect(isAppError(new AppError('NOT_FOUND', 'x'))).toBe(true);
  });

  it('accepts an Error from another copy of the module by name and a known code', () => {
    expect(isAppError(Object.assign(new Error('x'), { name: 'AppError', code: 'INTERNAL' }))).toBe(true);
  });

  it.each([
    ['a plain Error', new Error('x')],
    ['an AppError-named Error with an unknown code', Object.assign(new Error('x'), { name: 'AppError', code: 'NOPE' })],
    ['an AppError-named Error with a numeric code', Object.assign(new Error('x'), { name: 'AppError', code: 500 })],
    ['a plain object shaped like an AppError', { name: 'AppError', code: 'INTERNAL', message: 'x' }],
    ['null', null],
  ])('rejects %s', (_label, value) => {
    expect(isAppError(value)).toBe(false);
  });
});

describe('toAppError', () => {
  it('returns an AppError unchanged', () => {
    const err = new AppError('STATE_EXPIRED', 'x');
    expect(toAppError(err)).toBe(err);
  });

  it.each([
    ['an Error', new TypeError('boom')],
    ['a string', 'boom'],
    ['undefined', undefined],
  ])('turns %s into INTERNAL keeping it as cause', (_label, value) => {
    const err = toAppError(value);
    expect(err.code).toBe('INTERNAL');
    expect(err.status).toBe(500);
    expect(err.cause).toBe(value);
  });
});
