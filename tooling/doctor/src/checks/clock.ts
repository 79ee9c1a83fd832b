import type { ClockSample } from './issuer';
import { fail, pass, skip, warn, type CheckResult } from '../result';

/** Skew we ignore, and skew past which tokens start failing (Auth0's SDKs allow about 60 s). */
export const clockWarnSeconds = 30;
export const clockFailSeconds = 60;

const fix =
  "sync this machine's clock (Linux: `sudo timedatectl set-ntp true`; macOS/Windows: set time automatically); skewed clocks make fresh tokens look expired or not yet valid";

/**
 * Check 5. The Date header has one-second resolution, so the issuer's true time lies in
 * [date, date + 1 s); comparing its middle with the middle of our request keeps a slow network
 * from reading as skew.
 */
export function checkClock(sample: ClockSample | undefined, issuer: string): CheckResult {
  const subject = `clock vs ${issuer}`;
  if (!sample) return skip('clock', subject, 'no Date header from the issuer (unreachable?)');
  const localMiddle = (sample.sentAt + sample.receivedAt) / 2;
  const skewMs = sample.serverDate + 500 - localMiddle;
  const seconds = Math.round(Math.abs(skewMs) / 1000);
  const direction = skewMs > 0 ? 'behind' : 'ahead of';
  const detail = `this machine's clock is ${seconds} s ${direction} the issuer`;
  if (Math.abs(skewMs) <= clockWarnSeconds * 1000)
    return pass('clock', subject, `within ${clockWarnSeconds} s (${seconds} s)`);
  if (Math.abs(skewMs) <= clockFailSeconds * 1000) return warn('clock', subject, detail, fix);
  return fail('clock', subject, detail, fix);
}
