import { profileUpdateSchema } from '@repo/api-contracts/profile';
import { apis } from '@repo/auth-config';
import { runHostileBodies } from '@repo/api-testing';
import { buildApp } from '../src/app';
import type { Express } from 'express';
import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe } from 'vitest';
import { configFor, openTestDb, startIdp, type Harness } from './support/setup';

let harness: Harness;
let app: Express;
const sub = 'auth0|hostile-profile';
const token = () =>
  harness.idp.mintAccessToken({
    sub,
    audience: apis.profile.audience,
    scope: `${apis.profile.scopes.read} ${apis.profile.scopes.write}`,
  });

beforeAll(async () => {
  const idp = await startIdp();
  harness = { idp, config: configFor(idp), testDb: await openTestDb() };
  app = buildApp(harness.config, { db: harness.testDb.db });
  // The profile exists first, so that "nothing written" also means "nothing changed".
  await request(app)
    .get('/me')
    .set('Authorization', `Bearer ${await token()}`)
    .expect(200);
});
afterAll(async () => {
  await harness?.testDb.cleanup();
  await harness?.idp.stop();
});

describe('hostile input', () => {
  runHostileBodies({
    app: () => app,
    method: 'patch',
    path: '/me',
    token,
    schema: profileUpdateSchema,
    nearMiss: fc.record(
      {
        displayName: fc.oneof(
          fc.string({ maxLength: 120 }),
          fc.string({ unit: 'binary', maxLength: 20 }),
          fc.integer(),
          fc.constant(null),
        ),
        locale: fc.oneof(
          fc.constantFrom('en', 'en-US', 'de', 'xx-XX', 'EN', '', 'en_US'),
          fc.string(),
        ),
        notifications: fc.oneof(fc.constantFrom('all', 'none', 'weekly', 'ALL'), fc.string()),
        sub: fc.string(),
        email: fc.string(),
        __proto__: fc.anything(),
      },
      { requiredKeys: [] },
    ),
    stored: () =>
      harness.testDb.db.query(
        'select sub, display_name, locale, notifications, updated_at from profiles order by sub',
      ),
  });
});
