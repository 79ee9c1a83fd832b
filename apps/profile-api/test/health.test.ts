import { createLogger, lifecycleOf, startServer } from '@repo/service-kit';
import request from 'supertest';
import { createProfileStore, type ProfileStore } from '../src/profiles/store';
import type { TestDatabase } from '@repo/api-testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  appFor,
  bearer,
  configFor,
  openTestDb,
  startIdp,
  userToken,
  type Harness,
} from './support/setup';

let idp: Harness['idp'];
let testDb: TestDatabase;

beforeAll(async () => {
  idp = await startIdp();
  testDb = await openTestDb();
});

afterAll(async () => {
  await testDb?.cleanup();
  await idp?.stop();
});

it('answers /healthz and /readyz without a token, drains in-flight requests on shutdown, then closes the database', async () => {
  const config = configFor(idp);
  // The real store, held at its first call until released: a request provably in flight.
  const real = createProfileStore(testDb.db.orm);
  let entered!: () => void;
  const handlerEntered = new Promise<void>((r) => (entered = r));
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const profiles: ProfileStore = {
    getOrCreate: async (...args) => {
      entered();
      await released;
      return real.getOrCreate(...args);
    },
    update: (...args) => real.update(...args),
    findMany: (...args) => real.findMany(...args),
  };
  const app = appFor(config, testDb.db, { profiles });
  const server = await startServer(app, {
    host: '127.0.0.1',
    port: 0,
    logger: createLogger({ serviceName: 'profile-api', level: 'silent' }),
    db: testDb.db,
  });
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

  const auth = bearer(await userToken(idp, 'alice'));
  const inFlight = fetch(`${server.url}/me`, { headers: { Authorization: auth } });
  await handlerEntered;
  const stopping = server.shutdown('test');
  // Draining: not ready any more, while the in-flight request is still being served.
  expect(lifecycleOf(app).draining).toBe(true);
  release();
  const res = await inFlight;
  expect(res.status).toBe(200);
  expect(((await res.json()) as { sub: string }).sub).toBeTruthy();
  await stopping;
  await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  // The database was closed by the shutdown: a fresh app over it is not ready.
  const ready = await request(appFor(config, testDb.db)).get('/readyz');
  expect(ready.status).toBe(503);
  expect(ready.headers['content-type']).toContain('application/problem+json');
});
