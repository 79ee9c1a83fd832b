import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { staticJson } from '../src/static-json';

const value = { items: [{ sku: 'MUG-WHT', name: 'Mug, white — ünïcode', priceCents: 1250 }] };

/** The same value through res.json and through staticJson, ETags off as createService sets. */
function app() {
  const a = express();
  a.set('etag', false);
  a.get('/json', (_req, res) => {
    res.json(value);
  });
  const send = staticJson(value);
  a.get('/static', (_req, res) => {
    send(res);
  });
  return a;
}

describe('staticJson', () => {
  it("answers with res.json's status, type, length and body", async () => {
    for (const method of ['get', 'head'] as const) {
      const [viaJson, viaStatic] = await Promise.all([
        request(app())[method]('/json'),
        request(app())[method]('/static'),
      ]);
      expect(viaStatic.status).toBe(viaJson.status);
      expect(viaStatic.headers['content-type']).toBe(viaJson.headers['content-type']);
      expect(viaStatic.headers['content-length']).toBe(viaJson.headers['content-length']);
      expect(viaStatic.text).toBe(viaJson.text);
    }
  });

  it('keeps a status set before it', async () => {
    const a = express();
    const send = staticJson({ status: 'degraded' });
    a.get('/', (_req, res) => {
      res.status(503);
      send(res);
    });
    const res = await request(a).get('/');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'degraded' });
  });
});
