// A bare Express 5 app answering GET /healthz as orders-api does: the floor for the shell's cost
// on an unprotected route.
import express from 'express';
import type { PeerArgs } from './peer-args';

const args = JSON.parse(process.argv[2] ?? '') as PeerArgs;

const app = express();
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
app.listen(args.port, '127.0.0.1', () => {
  console.info(`bare express listening on http://127.0.0.1:${args.port}`);
});
