// Case (i) loads this into web's processes with NODE_OPTIONS=--import <its URL>?dir=<folder>: it
// counts the SQLite calls the embedded session store makes (node:sqlite is synchronous and in
// process, so each statement run is that store's round trip) without changing web, and writes the
// counts to <folder>/<pid>.json. Plain JavaScript: it runs in the standalone server, without tsx.
// A preload acts when imported by design; it does nothing when the URL names no folder.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL(import.meta.url).searchParams.get('dir');
if (dir) {
  const { DatabaseSync, StatementSync } = process.getBuiltinModule('node:sqlite');
  /** Calls by the statement's first word (select, insert, begin…). */
  const counts = {};
  let changed = false;
  const count = (sql) => {
    const verb = /^\s*(\w+)/.exec(sql ?? '')?.[1]?.toLowerCase() ?? 'other';
    counts[verb] = (counts[verb] ?? 0) + 1;
    changed = true;
  };
  for (const method of ['run', 'get', 'all', 'iterate']) {
    const original = StatementSync.prototype[method];
    StatementSync.prototype[method] = function (...args) {
      count(this.sourceSQL);
      return original.apply(this, args);
    };
  }
  const exec = DatabaseSync.prototype.exec;
  DatabaseSync.prototype.exec = function (sql) {
    count(sql);
    return exec.call(this, sql);
  };
  // Written off the request path, a few times a second; the bench waits longer than that.
  const file = join(dir, `${process.pid}.json`);
  const flush = () => {
    if (!changed) return;
    changed = false;
    writeFileSync(file, JSON.stringify(counts));
  };
  setInterval(flush, 200).unref();
  process.once('exit', flush);
}
