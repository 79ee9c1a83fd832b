import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webBackchannelLogoutPath } from '@repo/auth-config';

/** One POST the receiver got, as the web app's back-channel route would see it. */
export interface ReceivedLogout {
  readonly contentType: string | undefined;
  readonly logoutToken: string | null;
}

export interface LogoutReceiver {
  /** `http://127.0.0.1:<port>/auth/backchannel-logout`: what the IdP is started with. */
  readonly uri: string;
  readonly received: ReceivedLogout[];
  close(): Promise<void>;
}

/**
 * A stand-in for the web app's back-channel logout route on a free port: records every POST and
 * answers 204 as nextjs-auth0 does, or never answers (`hang`), to show what a slow app costs.
 */
export async function startLogoutReceiver(
  options: { answer?: 'no-content' | 'hang' } = {},
): Promise<LogoutReceiver> {
  const received: ReceivedLogout[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({
        contentType: req.headers['content-type'],
        logoutToken: new URLSearchParams(body).get('logout_token'),
      });
      if (options.answer === 'hang') hanging.add(res);
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    uri: `http://127.0.0.1:${port}${webBackchannelLogoutPath}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A back-channel URI where nothing listens: a receiver's port, closed again. */
export async function deadLogoutUri(): Promise<string> {
  const receiver = await startLogoutReceiver();
  await receiver.close();
  return receiver.uri;
}
