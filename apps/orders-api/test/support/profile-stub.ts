import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  profileBatchQuerySchema,
  type ProfileBatch,
  type ProfileSummary,
} from '@repo/api-contracts/profile';
import { apis } from '@repo/auth-config';
import { testApiConfig, type TestIdp } from '@repo/api-testing';
import {
  createLogger,
  createService,
  parseInput,
  requireServiceScope,
  subjectOf,
} from '@repo/service-kit';

/**
 * profile-api as orders-api sees it, over real HTTP on 127.0.0.1: service-kit's shell verifying
 * tokens for the profile audience against the test IdP, and `GET /profiles?ids=` guarded by the
 * service scope, answering from `profiles`. (An app never imports another app: the real
 * profile-api is exercised with orders-api in tests/resilience.)
 */
export interface ProfileStub {
  readonly url: string;
  /** The profiles that exist, by sub. */
  readonly profiles: Map<string, ProfileSummary>;
  /** Each batch call: who called (`sub`) and the ids it asked for. */
  readonly calls: { sub: string; ids: string[] }[];
  /** What the next answers are instead of the real one (a status and a raw body), in order. */
  readonly faults: { status: number; body: string }[];
  /** Stops listening (connections refused), as a crashed profile-api. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

export async function startProfileStub(idp: TestIdp): Promise<ProfileStub> {
  const profiles = new Map<string, ProfileSummary>();
  const calls: ProfileStub['calls'] = [];
  const faults: ProfileStub['faults'] = [];
  const app = createService({
    config: testApiConfig('profile', idp.issuer),
    db: { ping: async () => {} },
    logger: createLogger({ serviceName: 'profile-stub', level: 'silent' }),
    routes: (router) => {
      router.get('/profiles', requireServiceScope(apis.profile.serviceScopes.read), (req, res) => {
        const { ids } = parseInput(profileBatchQuerySchema, req.query, 'query');
        calls.push({ sub: subjectOf(req), ids });
        const fault = faults.shift();
        if (fault) {
          res.status(fault.status).type('json').send(fault.body);
          return;
        }
        const answer: ProfileBatch = {
          items: ids.flatMap((id) => (profiles.has(id) ? [profiles.get(id)!] : [])),
        };
        res.json(answer);
      });
    },
  });
  let server: Server | undefined;
  let port = 0;
  const sockets = new Set<Socket>();
  const start = async () => {
    const next = createServer(app);
    next.on('connection', (s) => {
      sockets.add(s);
      s.once('close', () => sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => resolve());
    });
    port = (next.address() as AddressInfo).port;
    server = next;
  };
  await start();
  return {
    url: `http://127.0.0.1:${port}`,
    profiles,
    calls,
    faults,
    start,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        if (server) server.close(() => resolve());
        else resolve();
        server = undefined;
      }),
  };
}
