import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface ScratchSchema {
  /** DATABASE_URL for a process that must see only this schema. */
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh schema on the server at `baseUrl`, and a URL whose connections use it (search_path). */
export async function createScratchSchema(baseUrl: string): Promise<ScratchSchema> {
  const name = `resilience_${randomBytes(5).toString('hex')}`;
  await withClient(baseUrl, (c) => c.query(`create schema ${name}`));
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${name}`);
  return {
    url: url.href,
    name,
    drop: () =>
      withClient(baseUrl, (c) => c.query(`drop schema if exists ${name} cascade`)).then(() => {}),
  };
}
