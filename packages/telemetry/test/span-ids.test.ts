import { INVALID_SPAN_CONTEXT, TraceFlags } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { hasTraceIds, pooledRandomIds, traceFlagsHex } from '../src/index';

describe('pooledRandomIds', () => {
  it('gives lower-case hex ids of W3C length, all different, across many pool refills', () => {
    const ids = pooledRandomIds();
    const traceIds = new Set<string>();
    const spanIds = new Set<string>();
    // 4 KiB per pool: 10,000 of each id take about 60 refills.
    for (let i = 0; i < 10_000; i++) {
      traceIds.add(ids.generateTraceId());
      spanIds.add(ids.generateSpanId());
    }
    expect(traceIds.size).toBe(10_000);
    expect(spanIds.size).toBe(10_000);
    for (const id of traceIds) expect(id).toMatch(/^[0-9a-f]{32}$/);
    for (const id of spanIds) expect(id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('never gives an all-zero id, which W3C trace context treats as no id', () => {
    let refills = 0;
    // The first pool is all zeros, the next ones count up from 1.
    const ids = pooledRandomIds((pool) => {
      refills += 1;
      for (let i = 0; i < pool.length; i++) pool[i] = refills === 1 ? 0 : (i + refills) & 0xff;
    });
    const traceId = ids.generateTraceId();
    const spanId = ids.generateSpanId();
    expect(traceId).not.toBe('0'.repeat(32));
    expect(spanId).not.toBe('0'.repeat(16));
    expect(refills).toBe(2);
  });
});

describe('hasTraceIds', () => {
  it('is false for the no-op API context and true for real ids', () => {
    expect(hasTraceIds(INVALID_SPAN_CONTEXT)).toBe(false);
    expect(
      hasTraceIds({
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        spanId: '00f067aa0ba902b7',
        traceFlags: TraceFlags.SAMPLED,
      }),
    ).toBe(true);
  });
});

describe('traceFlagsHex', () => {
  it('writes two hex digits', () => {
    expect(traceFlagsHex(TraceFlags.NONE)).toBe('00');
    expect(traceFlagsHex(TraceFlags.SAMPLED)).toBe('01');
    expect(traceFlagsHex(0x1f)).toBe('1f');
  });
});
