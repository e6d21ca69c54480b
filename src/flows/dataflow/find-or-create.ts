import { isAppError } from '../../errors/app-error.js';

/** Outcomes of a create that leave us not knowing whether Adobe made the object. */
const UNKNOWN_OUTCOME = new Set(['AEP_TIMEOUT', 'AEP_UNAVAILABLE']);

/**
 * Finds first, creates only when nothing is found, and after a create whose answer was lost (a timeout, a 5xx)
 * looks again for up to `settleMs` before giving up: the object may exist, and its marker finds it. Then the
 * step fails with the lost answer's code, and the next run looks first again. Never a blind re-POST.
 */
export async function findOrCreate<T>(
  find: () => Promise<T | undefined>,
  create: () => Promise<T>,
  settleMs: number,
): Promise<{ value: T; created: boolean }> {
  const existing = await find();
  if (existing !== undefined) return { value: existing, created: false };
  try {
    return { value: await create(), created: true };
  } catch (err) {
    if (!isAppError(err) || !UNKNOWN_OUTCOME.has(err.code)) throw err;
    return { value: await lookAgain(find, err, settleMs), created: true };
  }
}

/** Looks for what a create with a lost answer made, backing off from 250 ms, within `settleMs`; rethrows `lost` if nothing shows up. */
export async function lookAgain<T>(find: () => Promise<T | undefined>, lost: unknown, settleMs: number): Promise<T> {
  const until = Date.now() + settleMs;
  for (let wait = 250; ; wait *= 2) {
    const made = await find().catch(() => undefined);
    if (made !== undefined) return made;
    if (Date.now() + wait > until) throw lost;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
