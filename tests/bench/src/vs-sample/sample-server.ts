// Auth0's Express API sample, as a user would copy it: Express 5, express-oauth2-jwt-bearer's
// `auth()` with the issuer's discovery document, `requiredScopes` on the route, and the same JSON
// body as orders-api's GET /catalog. No logging per request, no helmet, no CORS: that is the
// sample. Arguments come as one JSON argv (the bench's convention), not from the environment.
import express from 'express';
import { auth, requiredScopes } from 'express-oauth2-jwt-bearer';
import { catalogFixture as catalog } from '../catalog-fixture';
import type { PeerArgs } from './peer-args';

const args = JSON.parse(process.argv[2] ?? '') as PeerArgs;

const checkJwt = auth({ audience: args.audience, issuerBaseURL: args.issuerBaseUrl });

const app = express();
app.get('/catalog', checkJwt, requiredScopes('read:orders'), (_req, res) => {
  res.json(catalog);
});
app.listen(args.port, '127.0.0.1', () => {
  console.info(`sample listening on http://127.0.0.1:${args.port}`);
});
