import { apis } from '@repo/auth-config';
import { runAuthMatrix, runCorsChecks, type TestDatabase } from '@repo/api-testing';
import type { Express } from 'express';
import { afterAll, beforeAll, describe } from 'vitest';
import {
  appFor,
  configFor,
  countingStore,
  openTestDb,
  startIdp,
  webOrigin,
  type Harness,
} from './support/setup';

const { read, write } = apis.profile.scopes;
let idp: Harness['idp'];
let testDb: TestDatabase;
let app: Express;
let calls: () => number;

beforeAll(async () => {
  idp = await startIdp();
  testDb = await openTestDb();
  const counting = countingStore(testDb.db);
  calls = counting.calls;
  app = appFor(configFor(idp), testDb.db, { profiles: counting.store });
});

afterAll(async () => {
  await testDb?.cleanup();
  await idp?.stop();
});

describe('GET /me refuses every bad credential before any handler runs', () => {
  runAuthMatrix({
    app: () => app,
    idp: () => idp,
    method: 'get',
    path: '/me',
    audience: apis.profile.audience,
    requiredScope: read,
    otherScopes: [write],
    handlerCalls: () => calls(),
  });
});

describe('PATCH /me refuses every bad credential before any handler runs', () => {
  runAuthMatrix({
    app: () => app,
    idp: () => idp,
    method: 'patch',
    path: '/me',
    body: { displayName: 'Matrix' },
    audience: apis.profile.audience,
    requiredScope: write,
    otherScopes: [read],
    handlerCalls: () => calls(),
  });
});

describe('CORS', () => {
  runCorsChecks({ app: () => app, path: '/me', method: 'PATCH', allowedOrigin: webOrigin });
});
