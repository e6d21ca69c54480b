import { describe, expect, it } from 'vitest';
import { isResumable } from '../../src/flows/can-retry.js';
import { STEPS } from '../../src/flows/complete/index.js';

describe('the completion table', () => {
  it('declares the code exchange as the one step a failed run never repeats by itself', () => {
    expect(STEPS.filter((step) => !step.repeatable).map((step) => step.name)).toEqual(['exchange-code']);
  });

  it('runs each step once, in order, starting with the exchange', () => {
    const names = STEPS.map((step) => step.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names[0]).toBe('exchange-code');
  });
});

describe('remedies', () => {
  it('When scopes are missing, then only a new consent helps: no Retry with the same tokens', () => {
    expect(isResumable('SCOPES_MISSING')).toBe(false);
  });

  it('When Flow Service is unavailable or a run was interrupted, then the flow can resume with its sealed tokens', () => {
    expect(isResumable('AEP_UNAVAILABLE')).toBe(true);
    expect(isResumable('CONNECT_INTERRUPTED')).toBe(true);
  });

  it('When the credentials are refused, then neither Retry nor Start again is offered', () => {
    expect(isResumable('ADOBE_CREDENTIALS_REJECTED')).toBe(false);
  });
});
