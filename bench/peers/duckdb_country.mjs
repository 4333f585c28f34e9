// Peer: the country graph with DuckDB (read_csv + GROUP BY), through the
// @duckdb/node-api package pinned in bench/duckdb/package-lock.json.
//
//   node bench/peers/duckdb_country.mjs FILE THREADS [EDGES_OUT]
//
// Runs `SET threads = THREADS`, then one query over FILE read as GDELT 1.0
// (TAB, no header, no quoting or escaping, 58 columns, all VARCHAR except
// GoldsteinScale, which is DOUBLE; an empty field reads as NULL): rows whose
// Actor1CountryCode (column 7, 0-based) and Actor2CountryCode (column 17) are
// both non-empty and different, grouped by the pair, with the number of rows
// and the sum of GoldsteinScale (column 30), ordered by source then target in
// byte order (DuckDB's default collation is binary).
//
// Prints "edges N" and "query_ns N" (the wall time of the SET, the query and
// reading its result into JavaScript, measured inside the process: no Node.js
// start, no module loading, no database opening); with EDGES_OUT writes the
// edge table in the format of the other peers (bench/peers/common.py): source
// TAB target TAB count TAB weight-sum with one decimal, "-0.0" written "0.0".
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const [file, threadsArg, out] = process.argv.slice(2);
const threads = Number(threadsArg);
if (!file || !Number.isInteger(threads) || threads < 1 || process.argv.length > 5) {
    process.stderr.write('usage: duckdb_country.mjs FILE THREADS [EDGES_OUT]\n');
    process.exit(2);
}

// The package is installed in bench/duckdb/node_modules (bench/run.sh runs
// `npm ci` there), not beside this script.
const require = createRequire(new URL('../duckdb/package.json', import.meta.url));
const { DuckDBInstance } = require('@duckdb/node-api');

const NCOL = 58;
const A1 = 7, A2 = 17, GOLD = 30;
const cols = [];
for (let i = 0; i < NCOL; i++)
    cols.push(`'c${i}': '${i === GOLD ? 'DOUBLE' : 'VARCHAR'}'`);
const sqlString = (s) => "'" + s.replaceAll("'", "''") + "'";

const sql = `
SELECT c${A1} AS src, c${A2} AS dst, count(*) AS n, sum(c${GOLD}) AS w
FROM read_csv(${sqlString(file)}, delim = '\t', header = false, quote = '', escape = '',
              auto_detect = false, columns = {${cols.join(', ')}})
WHERE c${A1} IS NOT NULL AND c${A2} IS NOT NULL AND c${A1} <> c${A2}
GROUP BY c${A1}, c${A2}
ORDER BY c${A1}, c${A2}`;

const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const t0 = process.hrtime.bigint();
await con.run(`SET threads = ${threads}`);
const reader = await con.runAndReadAll(sql);
const rows = reader.getRows();
const t1 = process.hrtime.bigint();

process.stdout.write(`edges ${rows.length}\nquery_ns ${t1 - t0}\n`);
if (out) {
    const lines = rows.map(([s, d, n, w]) => {
        let x = Number(w).toFixed(1);
        if (x === '-0.0')
            x = '0.0';
        return `${s}\t${d}\t${n}\t${x}\n`;
    });
    writeFileSync(out, lines.join(''));
}
con.closeSync();
instance.closeSync();
