import { describe, expect, it } from 'vitest';
import { classify } from '../../src/health/classify.js';

describe('classify: health signals → status and reason', () => {
  it('is active when nothing is known to fail', () => {
    expect(classify({})).toEqual({ status: 'active' });
    expect(classify({ testPassed: true, lastRunFailed: false, grant: 'active' })).toEqual({ status: 'active' });
  });

  it('needs reauth with credentials_rejected when the connection test fails, whatever the runs say', () => {
    expect(classify({ testPassed: false })).toEqual({ status: 'needs_reauth', reason: 'credentials_rejected' });
    expect(classify({ testPassed: false, lastRunFailed: true })).toEqual({ status: 'needs_reauth', reason: 'credentials_rejected' });
  });

  it("prefers HubSpot's own word on the grant: revoked, or scopes taken away", () => {
    expect(classify({ grant: 'inactive', testPassed: false })).toEqual({ status: 'needs_reauth', reason: 'grant_revoked' });
    expect(classify({ grant: 'scopes_reduced', testPassed: true })).toEqual({ status: 'needs_reauth', reason: 'scopes_reduced' });
  });

  it('is error with runs_failing when runs fail while the test passes', () => {
    expect(classify({ testPassed: true, lastRunFailed: true })).toEqual({ status: 'error', reason: 'runs_failing' });
  });

  it('decides nothing when runs fail and the test has not answered', () => {
    expect(classify({ lastRunFailed: true })).toEqual({ status: 'unknown' });
  });
});
