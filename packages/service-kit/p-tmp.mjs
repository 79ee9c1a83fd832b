import { PGlite } from '@electric-sql/pglite';
import * as fs from 'node:fs';
const rss = () => Math.round(fs.readFileSync('/proc/self/status','utf8').match(/VmRSS:\s+(\d+)/)[1]/1024);
const n = Number(process.argv[3]); const conf = process.argv[4] ? JSON.parse(process.argv[4]) : {};
console.log('base rss', rss());
const dbs=[]; let mod;
for (let i=0;i<n;i++){ const t=Date.now();
  const db = new PGlite(`${process.argv[2]}/db${i}`, { ...conf, ...(mod && process.env.SHARE ? { pgliteWasmModule: mod } : {}) });
  await db.waitReady; await db.exec('create table if not exists t(id serial primary key, v text); insert into t(v) values (\'x\')');
  dbs.push(db);
  console.log('db', i, Date.now()-t, 'ms rss', rss(), 'ext', Math.round(process.memoryUsage().external/1e6));
}
await Promise.all(dbs.map(d=>d.close()));
