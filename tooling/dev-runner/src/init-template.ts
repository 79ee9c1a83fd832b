// Initialises an empty PGlite cluster in the folder given, then exits: the database host's
// template (db-template.ts). A process of its own, because initdb leaves a few hundred MB in the
// process that ran it, and the host stays up for the whole `pnpm dev`.
import { PGlite } from '@electric-sql/pglite';

const dir = process.argv[2];
if (!dir) throw new Error('usage: init-template.ts <folder>');
const db = new PGlite(dir);
await db.waitReady;
await db.close();
