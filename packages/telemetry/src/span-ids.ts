import { INVALID_SPANID, INVALID_TRACEID, type SpanContext } from '@opentelemetry/api';
import type { IdGenerator } from '@opentelemetry/sdk-trace';
import { randomFillSync } from 'node:crypto';

/**
 * Whether a span context carries ids, i.e. comes from a registered provider or a caller's
 * traceparent rather than the no-op API (all zeros). The ids in a context are valid hex by then:
 * the SDK generates them and the W3C propagator checks what it extracts. So two string compares
 * do here what `isSpanContextValid`'s two regular expressions do, on every request and log line.
 */
export function hasTraceIds(span: SpanContext): boolean {
  return span.traceId !== INVALID_TRACEID && span.spanId !== INVALID_SPANID;
}

/** W3C trace flags as the log data model writes them: two hex digits. */
export function traceFlagsHex(flags: number): string {
  return flags === 1 ? '01' : flags === 0 ? '00' : (flags & 0xff).toString(16).padStart(2, '0');
}

/** Ids per refill of the pool: 4 KiB of random bytes, 8 KiB of hex. */
const poolBytes = 4096;

/**
 * Trace and span ids from a pool of cryptographic random bytes, turned into hex a pool at a time.
 * The SDK's default draws `Math.random()` four bytes at a time and hex-encodes each id on its
 * own, a visible share of an unsampled request's cost (tests/bench/README.md): every request
 * gets a trace id and a span id, recorded or not. Never all zeros (an invalid id in W3C trace
 * context); unpredictable, unlike `Math.random()`. `fill` is for tests.
 */
export function pooledRandomIds(
  fill: (pool: Buffer) => void = (pool) => randomFillSync(pool),
): IdGenerator {
  const bytes = Buffer.allocUnsafe(poolBytes);
  let hex = '';
  let offset = 0;
  const next = (length: number): string => {
    for (;;) {
      if (offset + length > hex.length) {
        fill(bytes);
        hex = bytes.toString('hex');
        offset = 0;
      }
      const id = hex.slice(offset, offset + length);
      offset += length;
      // 2^-64 at worst; skipped rather than patched so that ids stay uniformly random.
      if (id !== INVALID_SPANID && id !== INVALID_TRACEID) return id;
    }
  };
  return {
    generateTraceId: () => next(32),
    generateSpanId: () => next(16),
  };
}
