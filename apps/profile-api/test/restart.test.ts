import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, migrate } from '@repo/service-kit/db';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrationsDir } from '../src/db/migrations-dir';
import { appFor, bearer, configFor, startIdp, userToken, type Harness } from './support/setup';

let idp: Harness['idp'];
const dataDir = mkdtempSync(join(tmpdir(), 'profile-api-restart-'));

beforeAll(async () => {
  idp = await startIdp();
});

afterAll(async () => {
  await idp?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('keeps a profile across a restart on a PGlite folder', async () => {
  const config = configFor(idp);
  const auth = bearer(await userToken(idp, 'alice'));

  const first = await openDatabase({ databaseUrl: undefined, pgliteDir: dataDir });
  expect(await migrate(first, migrationsDir)).toEqual(['0001_create_profiles']);
  const patched = await request(appFor(config, first))
    .patch('/me')
    .set('Authorization', auth)
    .send({ displayName: 'Alice After Restart', locale: 'de' });
  expect(patched.status).toBe(200);
  await first.close();

  const second = await openDatabase({ databaseUrl: undefined, pgliteDir: dataDir });
  // Already applied: a second start migrates nothing.
  expect(await migrate(second, migrationsDir)).toEqual([]);
  const read = await request(appFor(config, second)).get('/me').set('Authorization', auth);
  expect(read.body).toMatchObject({
    displayName: 'Alice After Restart',
    locale: 'de',
    createdAt: patched.body.createdAt,
  });
  await second.close();
});
