// The property-based layer on the bare shell: generated Authorization headers, crafted tokens and
// JSON bodies, thousands per run. The APIs run runHostileBodies on their own routes.
import { apis } from '@repo/auth-config';
import { createService, parseInput, requireScope, subjectOf } from '@repo/service-kit';
import { openDatabase, type Database } from '@repo/service-kit/db';
import type { Express } from 'express';
import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testApiConfig } from '../src/api-config';
import { parseLikeBodyParser, runHostileAuth, runHostileBodies } from '../src/hostile-inputs';
import { startJwksIssuer, type JwksIssuer } from '../src/jwks-issuer';

const api = apis.orders;
const noteSchema = z.strictObject({
  title: z.string().min(1).max(80),
  priority: z.number().int().min(1).max(5),
});

let idp: JwksIssuer;
let db: Database;
let app: Express;
let handlerCalls = 0;

beforeAll(async () => {
  idp = await startJwksIssuer();
  db = await openDatabase({ databaseUrl: undefined });
  await db.exec(
    'create table notes (id serial primary key, sub text not null, title text not null, priority int not null)',
  );
  app = createService({
    config: testApiConfig('orders', idp.issuer),
    db,
    // Every crafted token is verified: the invalid-token limit would answer 429 after 100.
    auth: { invalidTokenLimit: false },
    routes: (router) => {
      router.get('/notes', requireScope(api.scopes.read), (req, res) => {
        handlerCalls += 1;
        res.json({ sub: subjectOf(req) });
      });
      router.post('/notes', requireScope(api.scopes.write), async (req, res) => {
        const note = parseInput(noteSchema, req.body);
        await db.query('insert into notes (sub, title, priority) values ($1, $2, $3)', [
          subjectOf(req),
          note.title,
          note.priority,
        ]);
        res.status(201).json(note);
      });
    },
  });
});
afterAll(async () => {
  await idp.stop();
  await db.close();
});

describe('hostile input on the shell', () => {
  runHostileAuth({
    app: () => app,
    idp: () => idp,
    method: 'get',
    path: '/notes',
    audience: api.audience,
    handlerCalls: () => handlerCalls,
  });

  runHostileBodies({
    app: () => app,
    method: 'post',
    path: '/notes',
    token: () =>
      idp.mintAccessToken({ sub: 'auth0|writer', audience: api.audience, scope: api.scopes.write }),
    schema: noteSchema,
    nearMiss: fc.record(
      {
        title: fc.oneof(fc.string({ maxLength: 120 }), fc.integer(), fc.constant(null)),
        priority: fc.oneof(fc.integer(), fc.double(), fc.string()),
        extra: fc.anything(),
      },
      { requiredKeys: [] },
    ),
    stored: async () =>
      Number((await db.query<{ n: string }>('select count(*) as n from notes'))[0]!.n),
  });
});

// fast-check found it (seed -1458076408): a note behind a byte order mark is valid, not hostile.
it('a valid body behind a byte order mark is accepted, as the body oracle reads it', async () => {
  const token = await idp.mintAccessToken({
    sub: 'auth0|writer',
    audience: api.audience,
    scope: api.scopes.write,
  });
  const raw = '\uFEFF{"title":"bom","priority":2}';
  expect(noteSchema.safeParse(parseLikeBodyParser(raw)).success).toBe(true);
  const res = await request(app)
    .post('/notes')
    .set('Authorization', `Bearer ${token}`)
    .set('Content-Type', 'application/json')
    .send(raw);
  expect(res.status).toBe(201);
  expect(res.body).toEqual({ title: 'bom', priority: 2 });
});
