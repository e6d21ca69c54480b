import { describe, expect, it } from 'vitest';
import { classifyStatus } from '../../src/http/status-class.js';

describe('classifyStatus', () => {
  it.each([429, 500, 502, 503, 504, 501, 599])('reads %i as unavailable, whatever the body', (status) => {
    expect(classifyStatus(status)).toBe('unavailable');
  });
  it.each([400, 401, 403, 404, 409, 412])('reads %i as rejected', (status) => {
    expect(classifyStatus(status)).toBe('rejected');
  });
  it.each([200, 201, 204])('reads %i as success', (status) => {
    expect(classifyStatus(status)).toBe('success');
  });
});
