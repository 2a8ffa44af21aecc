// The row types every query is typed with (`src/platform/db/schema.ts` and each feature's `tables.ts`, joined in
// `Database` by module augmentation) against the tables the migrations make, on both databases: the same tables,
// the same columns, the same nullability, a default where the type lets an insert leave the column out, and a
// TypeScript type that can hold what the column holds. The compiler checks the queries against the types; this
// checks the types against the schema, so a migration and its `tables.ts` cannot drift apart unseen.
import path from 'node:path';
import ts from 'typescript';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, testDatabase } from './helpers.ts';
import type { DatabaseHandle } from '../src/platform/db/database.ts';

const root = path.resolve(import.meta.dirname, '..');

interface ColumnShape {
  /** What a select returns can be null. */
  nullable: boolean;
  /** An insert may leave it out (the database has a default). */
  optional: boolean;
  /** The kinds of value a select returns: string, number, boolean, date, array, object. */
  kinds: Set<string>;
}

/** Reads `Database` as the compiler sees it, every augmentation included: table → column → shape. */
function declaredTables(): Map<string, Map<string, ColumnShape>> {
  // Every module that declares or augments `Database` (the features' `tables.ts`, and any other).
  const files = ts.sys
    .readDirectory(path.join(root, 'src'), ['.ts'])
    .filter((f) => !f.endsWith('.test.ts') && /interface Database \{/.test(ts.sys.readFile(f) ?? ''));
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true,
    noEmit: true,
    strict: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const schema = program.getSourceFile(path.join(root, 'src/platform/db/schema.ts'))!;
  const database = schema.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Database',
  )!;
  const databaseType = checker.getTypeAtLocation(database.name);
  const member = (type: ts.Type, name: string) => {
    const symbol = type.getProperty(name);
    return symbol ? checker.getTypeOfSymbol(symbol) : undefined;
  };
  const parts = (type: ts.Type): ts.Type[] => (type.isUnion() ? type.types : [type]);
  const kindOf = (type: ts.Type): string[] => {
    if (type.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.TemplateLiteral)) return ['string'];
    if (type.flags & ts.TypeFlags.NumberLike) return ['number'];
    if (type.flags & ts.TypeFlags.BooleanLike) return ['boolean'];
    if (type.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)) return [];
    if (checker.isArrayType(type)) return ['array'];
    if (type.getSymbol()?.name === 'Date') return ['date'];
    return ['object'];
  };
  const tables = new Map<string, Map<string, ColumnShape>>();
  for (const table of checker.getPropertiesOfType(databaseType)) {
    const rowType = checker.getTypeOfSymbol(table);
    const columns = new Map<string, ColumnShape>();
    for (const column of checker.getPropertiesOfType(rowType)) {
      const type = checker.getTypeOfSymbol(column);
      // Kysely's ColumnType<S, I, U> (and Generated<T>) is an object with __select__ and __insert__; a plain
      // type is all three. A union may mix them (`Timestamp | null`).
      let nullable = false;
      let optional = (column.flags & ts.SymbolFlags.Optional) !== 0;
      const kinds = new Set<string>();
      for (const part of parts(type)) {
        const select = member(part, '__select__');
        const insert = member(part, '__insert__');
        if (insert && parts(insert).some((p) => p.flags & ts.TypeFlags.Undefined)) optional = true;
        for (const p of parts(select ?? part)) {
          if (p.flags & ts.TypeFlags.Null) nullable = true;
          for (const k of kindOf(p)) kinds.add(k);
        }
      }
      columns.set(column.name, { nullable, optional, kinds });
    }
    tables.set(table.name, columns);
  }
  return tables;
}

/** What a TypeScript value of each kind can hold, by the column's data type. */
const holds: Record<string, string[]> = {
  text: ['string'],
  'character varying': ['string'],
  character: ['string'],
  uuid: ['string'],
  citext: ['string'],
  inet: ['string'],
  date: ['string', 'date'],
  'time without time zone': ['string'],
  tsvector: ['string'],
  integer: ['number'],
  smallint: ['number'],
  bigint: ['number', 'string'],
  numeric: ['number', 'string'],
  real: ['number'],
  'double precision': ['number'],
  boolean: ['boolean'],
  'timestamp with time zone': ['date', 'string'],
  'timestamp without time zone': ['date', 'string'],
  interval: ['string', 'object'],
  jsonb: ['object', 'array', 'string', 'number', 'boolean'],
  json: ['object', 'array', 'string', 'number', 'boolean'],
  bytea: ['object'],
  ARRAY: ['array'],
  'USER-DEFINED': ['string', 'object'],
};

const declared = declaredTables();

for (const kind of databaseKinds) {
  describe(`the row types match the migrated tables, on ${kind}`, () => {
    let handle: DatabaseHandle;
    let live: Map<string, Map<string, { nullable: boolean; hasDefault: boolean; type: string }>>;
    beforeAll(async () => {
      handle = await testDatabase(kind);
      const rows = await sql<{
        table_name: string;
        column_name: string;
        is_nullable: string;
        column_default: string | null;
        is_identity: string;
        is_generated: string;
        data_type: string;
      }>`select table_name, column_name, is_nullable, column_default, is_identity, is_generated, data_type
         from information_schema.columns
         where table_schema = 'public'`.execute(handle.db);
      live = new Map();
      for (const r of rows.rows) {
        if (!live.has(r.table_name)) live.set(r.table_name, new Map());
        live.get(r.table_name)!.set(r.column_name, {
          nullable: r.is_nullable === 'YES',
          hasDefault: r.column_default !== null || r.is_identity === 'YES' || r.is_generated === 'ALWAYS',
          type: r.data_type,
        });
      }
    }, 120_000);
    afterAll(async () => {
      await handle?.close();
    });

    it('declares every table the migrations make, and no other', () => {
      // The migrations' own bookkeeping is read by the migrator, not by queries.
      const tables = [...live.keys()].filter((t) => !t.startsWith('schema_migrations')).sort();
      expect([...declared.keys()].sort()).toEqual(tables);
    });

    it('declares each table’s columns, nullability, defaults and types as migrated', () => {
      const problems: string[] = [];
      for (const [table, columns] of declared) {
        const liveColumns = live.get(table);
        if (!liveColumns) continue; // said by the test above
        const names = [...liveColumns.keys()].sort();
        const typed = [...columns.keys()].sort();
        for (const name of names.filter((n) => !columns.has(n)))
          problems.push(`${table}.${name} : colonne absente du type`);
        for (const name of typed.filter((n) => !liveColumns.has(n)))
          problems.push(`${table}.${name} : colonne absente de la base`);
        for (const [name, shape] of columns) {
          const col = liveColumns.get(name);
          if (!col) continue;
          if (shape.nullable !== col.nullable)
            problems.push(
              `${table}.${name} : ${col.nullable ? 'peut être null dans la base' : 'jamais null dans la base'}, ${shape.nullable ? 'null' : 'pas null'} dans le type`,
            );
          if (shape.optional && !col.hasDefault && !col.nullable)
            problems.push(
              `${table}.${name} : facultatif à l’insertion dans le type, sans défaut dans la base`,
            );
          const possible = holds[col.type];
          if (!possible) problems.push(`${table}.${name} : type ${col.type} inconnu de ce test`);
          else if (![...shape.kinds].some((k) => possible.includes(k)))
            problems.push(
              `${table}.${name} : ${col.type} dans la base, ${[...shape.kinds].join(' | ')} dans le type`,
            );
        }
      }
      expect(problems).toEqual([]);
    });
  });
}
