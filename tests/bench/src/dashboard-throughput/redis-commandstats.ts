import { createConnection } from 'node:net';
import type { Counts } from './counts';

/**
 * Parses `INFO commandstats` (`cmdstat_get:calls=12,usec=…` per line) into calls per command.
 * Redis counts every command any client sent it since its start (or `CONFIG RESETSTAT`).
 */
export function parseCommandstats(info: string): Counts {
  const counts: Record<string, number> = {};
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm))
    counts[match[1]!] = Number(match[2]);
  return counts;
}

/**
 * `INFO commandstats` from the Redis on 127.0.0.1:`port`, over a raw socket as an inline command
 * (the bench has no Redis client, and needs only this one reply: a bulk string).
 */
export function readCommandstats(port: number): Promise<Counts> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () =>
      socket.write('INFO commandstats\r\n'),
    );
    let reply = '';
    socket.setTimeout(5_000, () => socket.destroy(new Error('INFO commandstats: no answer')));
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      reply += chunk;
      const header = /^\$(\d+)\r\n/.exec(reply);
      if (!header) return;
      // Bulk string: `$<bytes>\r\n<bytes>\r\n`; the info is ASCII, so characters are bytes.
      if (reply.length < header[0].length + Number(header[1])) return;
      socket.end();
      resolve(parseCommandstats(reply.slice(header[0].length)));
    });
    socket.once('error', reject);
  });
}
