import { PGlite } from '@electric-sql/pglite';
let t=Date.now();
const db = new PGlite('memory://'); await db.waitReady; console.log('mem new', Date.now()-t);
await db.exec('create table x(a int); insert into x values (1)');
t=Date.now(); const dump = await db.dumpDataDir('none'); console.log('dump', Date.now()-t, dump.size);
t=Date.now(); const db2 = new PGlite({loadDataDir: dump}); await db2.waitReady; console.log('load', Date.now()-t, (await db2.query('select * from x')).rows);
t=Date.now(); const db3 = new PGlite('/tmp/pgdir1'); await db3.waitReady; console.log('fs new', Date.now()-t); await db3.close();
t=Date.now(); const db4 = new PGlite('/tmp/pgdir1'); await db4.waitReady; console.log('fs reopen', Date.now()-t);
console.log(process.memoryUsage().rss/1e6)
