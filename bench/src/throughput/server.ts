// A child process: orders-api's buildApp twice, on two free ports of 127.0.0.1. The protected
// app is exactly what createService builds by default; the unprotected one is the same app with
// a verifier that checks nothing, so the difference is the token check alone.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadApiEnv } from '@repo/auth-config';
import { buildApp } from '@repo/orders-api/app';
import { verifierOf, type TokenVerifier } from '@repo/service-kit';
import { openDatabase } from '@repo/service-kit/db';
import type { DriverMessage, ServerArgs, ServerMessage, VerifierCounters } from './protocol';

type Express = ReturnType<typeof buildApp>;

const args = JSON.parse(process.argv[2] ?? '') as ServerArgs;
const config = loadApiEnv('orders', {
  source: {
    USE_LOCAL_IDP: 'true',
    AUTH0_DOMAIN: args.domain,
    // As the E2E stack runs the APIs: request logs off, warnings on. CORS keeps its local default.
    LOG_LEVEL: 'warn',
  },
  log: () => {},
});

/** Puts fixed claims where a verifier would, without looking at the token. */
const trustEveryToken: TokenVerifier = (req, _res, next) => {
  const token = req.headers.authorization?.slice('Bearer '.length) ?? '';
  Object.assign(req, { auth: { payload: { ...args.claims }, header: { alg: 'RS256' }, token } });
  next();
};

// GET /catalog touches no table, so an empty in-memory database is enough.
const db = await openDatabase({ databaseUrl: undefined });
const protectedApp = buildApp(config, { db });
const unprotectedApp = buildApp(config, { db, verifyToken: trustEveryToken });

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
