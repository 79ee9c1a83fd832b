import { connect } from 'node:net';

/** Whether something accepts connections on the port, on IPv4 or IPv6 loopback. */
function listening(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.setTimeout(1_000);
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

/** The ports of the list that something already listens on: `pnpm dev` would collide with it. */
export async function portsInUse(ports: readonly number[]): Promise<number[]> {
  const busy = await Promise.all(
    ports.map(async (port) =>
      (await listening(port, '127.0.0.1')) || (await listening(port, '::1')) ? port : undefined,
    ),
  );
  return busy.filter((p): p is number => p !== undefined);
}
