import { existsSync } from 'node:fs';
import { loadToolEnv } from '@repo/auth-config';
import { startRedis } from '@repo/test-harness/redis-server';
import { describe, expect, it } from 'vitest';
import { deadPorts, doctor, localSources, row } from './support/setup';

const subject = 'web SESSION_STORE_URL';

describe('sessions', () => {
  it('names the embedded store in dev', async () => {
    const report = await doctor(
      localSources(await deadPorts(), { web: { DATA_DIR: '/tmp/doctor-web' } }),
    );
    expect(row(report, subject)).toMatchObject({
      group: 'sessions',
      status: 'pass',
      detail: 'embedded store in /tmp/doctor-web',
    });
  });

  it('fails, with the fix, when Redis does not answer', async () => {
    const ports = await deadPorts();
    const report = await doctor(
      localSources(ports, {
        web: { SESSION_STORE_URL: `redis://:hunter2@127.0.0.1:${ports.web}` },
      }),
      { timeoutMs: 1500 },
    );
    const r = row(report, subject);
    expect(r.status).toBe('fail');
    expect(r.detail).toContain('does not answer');
    expect(r.detail).not.toContain('hunter2');
    expect(r.fix).toContain('SESSION_STORE_URL');
  });

  it.runIf(existsSync(loadToolEnv().redisServer))(
    'passes when Redis answers (Debian redis-server on a free port)',
    async () => {
      const redis = await startRedis({ binary: loadToolEnv().redisServer });
      try {
        const report = await doctor(
          localSources(await deadPorts(), { web: { SESSION_STORE_URL: redis.url } }),
        );
        expect(row(report, subject)).toMatchObject({
          status: 'pass',
          detail: `Redis at ${redis.url} answers`,
        });
      } finally {
        await redis.stop();
      }
    },
  );

  it('warns about the stateless cookie only past three APIs (today: two, so it passes)', async () => {
    const report = await doctor(
      localSources(await deadPorts(), { web: { SESSION_STORE_URL: 'cookie' } }),
    );
    expect(row(report, subject)).toMatchObject({ status: 'pass' });
    expect(row(report, subject).detail).toMatch(/cookie \(stateless; 2 APIs fit/);
  });
});
