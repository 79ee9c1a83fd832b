// `pnpm --filter @repo/bench verify-cost [-- --tokens 3000 --rounds 3]`: the cold path of case (b)
// without HTTP: µs per verification by service-kit's verifier (every token new to its cache)
// next to jose's jwtVerify alone with the same key (the RSA verify and claim checks, the floor).
// The difference is what the verifier adds around the RSA verify. One process, one core, run
// alternately, medians of CPU time (process.cpuUsage, the IdP is idle meanwhile).
import { parseArgs } from 'node:util';
import { apis, loadApiEnv } from '@repo/auth-config';
import { startLocalIdp } from '@repo/local-idp';
import { resilientJwtVerifier } from '@repo/service-kit';
import type { Request, Response } from 'express';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { median } from '../stats';
import { mintPool } from '../tokens';

const { values: flags } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    tokens: { type: 'string', default: '3000' },
    rounds: { type: 'string', default: '3' },
  },
});
const size = Number(flags.tokens);
/** This process's CPU time in µs: what a verification costs, whoever else uses the machine. */
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
const rounds = Number(flags.rounds);

const idp = await startLocalIdp({ port: 0 });
try {
  const config = loadApiEnv('orders', {
    source: { USE_LOCAL_IDP: 'true', AUTH0_DOMAIN: idp.domain },
    log: () => {},
  });
  const { issuer, jwksUri, audience } = config.auth0;
  const tokens = await mintPool(idp, size);

  /** A fresh verifier per round, so that every token is new to its cache. */
  const ours = async (): Promise<number> => {
    const verifier = resilientJwtVerifier({ issuer, jwksUri, audience });
    const res = {} as Response;
    const once = (token: string) =>
      new Promise<void>((resolve, reject) => {
        const req = {
          headers: { authorization: `Bearer ${token}` },
          ip: '127.0.0.1',
          socket: { remoteAddress: '127.0.0.1' },
        } as unknown as Request;
        verifier(req, res, (err?: unknown) => (err ? reject(err as Error) : resolve()));
      });
    await once(tokens[0]!); // the JWKS fetch, outside the timing
    const started = cpuNow();
    for (const token of tokens.slice(1)) await once(token);
    return (cpuNow() - started) / (tokens.length - 1);
  };

  const jwks = createRemoteJWKSet(new URL(jwksUri));
  const joseAlone = async (): Promise<number> => {
    await jwtVerify(tokens[0]!, jwks, { issuer, audience, algorithms: ['RS256'] });
    const started = cpuNow();
    for (const token of tokens.slice(1))
      await jwtVerify(token, jwks, { issuer, audience, algorithms: ['RS256'] });
    return (cpuNow() - started) / (tokens.length - 1);
  };

  const oursUs: number[] = [];
  const joseUs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    oursUs.push(await ours());
    joseUs.push(await joseAlone());
    console.info(
      `round ${i + 1}: verifier ${oursUs.at(-1)!.toFixed(1)} µs, jose alone ${joseUs.at(-1)!.toFixed(1)} µs`,
    );
  }
  const o = median(oursUs);
  const j = median(joseUs);
  console.info(
    `${process.version}, ${size} tokens (${apis.orders.audience}): service-kit's verifier ${o.toFixed(1)} µs per cold verify, jose's jwtVerify alone ${j.toFixed(1)} µs; overhead ${(o - j).toFixed(1)} µs (${((100 * (o - j)) / j).toFixed(0)} %)`,
  );
} finally {
  await idp.stop();
}
