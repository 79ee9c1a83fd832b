// A child process: two apps on service-kit's shell, on two free ports of 127.0.0.1, each serving
// GET /catalog with a catalog of the bench's own. The protected app is exactly what createService
// builds by default; the unprotected twin replaces the verifier with one that checks nothing, so
// the difference is the token check alone. Neither is orders-api: a harness never imports an app
// (case (h) runs the real orders-api as a process).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apis, loadApiEnv } from '@repo/auth-config';
import {
  createService,
  requireScope,
  staticJson,
  verifierOf,
  type TokenVerifier,
} from '@repo/service-kit';
import { openDatabase } from '@repo/service-kit/db';
import type { Express } from 'express';
import { catalogFixture as catalog } from '../catalog-fixture';
import type { DriverMessage, ServerArgs, ServerMessage, VerifierCounters } from './protocol';

const args = JSON.parse(process.argv[2] ?? '') as ServerArgs;
const config = loadApiEnv('orders', {
  source: {
    USE_LOCAL_IDP: 'true',
    AUTH0_DOMAIN: args.domain,
    // As the E2E stack runs the APIs: request logs off, warnings on. CORS keeps its local default.
    LOG_LEVEL: 'warn',
    ...args.telemetry,
  },
  log: () => {},
});
// Case (g): as an API's --import entry does, with this process's validated OTEL_* (no endpoint:
// nothing is registered at all). Loaded only then, so the other cases never load the SDK.
if (args.telemetry) {
  const { startTracing } = await import('@repo/telemetry');
  startTracing(config.telemetry);
}

/** Puts fixed claims where a verifier would, without looking at the token. */
const trustEveryToken: TokenVerifier = (req, _res, next) => {
  const token = req.headers.authorization?.slice('Bearer '.length) ?? '';
  Object.assign(req, { auth: { payload: { ...args.claims }, header: { alg: 'RS256' }, token } });
  next();
};

// GET /catalog touches no table, so an empty in-memory database is enough.
const db = await openDatabase({ databaseUrl: undefined });
const catalogApp = (verifyToken?: TokenVerifier): Express =>
  createService({
    config,
    db,
    verifyToken,
    routes: (router) => {
      // Sent as orders-api sends its catalog: serialised once.
      const sendCatalog = staticJson(catalog);
      router.get('/catalog', requireScope(apis.orders.scopes.read), (_req, res) => {
        sendCatalog(res);
      });
    },
  });
const protectedApp = catalogApp();
const unprotectedApp = catalogApp(trustEveryToken);

function listen(app: Express): Promise<{ server: Server; url: string }> {
  return new Promise((resolve, reject) => {
    const server = app.listen(0, '127.0.0.1');
    server.once('error', reject);
    server.once('listening', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}` });
    });
  });
}

/** The default verifier's counters (cache hits, verifications, refusals). */
function counters(): VerifierCounters | null {
  const stats = verifierOf(protectedApp)?.stats;
  return stats
    ? {
        cacheHits: stats.cacheHits,
        verified: stats.verified,
        rejected: stats.rejected,
        rateLimited: stats.rateLimited,
      }
    : null;
}

const [prot, unprot] = await Promise.all([listen(protectedApp), listen(unprotectedApp)]);
const send = (message: ServerMessage) => process.send?.(message);
process.on('message', (message: DriverMessage) => {
  if (message.type !== 'stats') return;
  const cpu = process.cpuUsage();
  send({ type: 'stats', verifier: counters(), cpuMicros: cpu.user + cpu.system });
});
process.once('disconnect', () => {
  prot.server.close();
  unprot.server.close();
  prot.server.closeAllConnections();
  unprot.server.closeAllConnections();
  void db.close();
});
send({ type: 'ready', protectedUrl: prot.url, unprotectedUrl: unprot.url });
