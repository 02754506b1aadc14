#!/usr/bin/env node
// Checks GridPulse's ClickHouse SQL on a current ClickHouse engine, in-process (chdb):
//   1. applies migrations/*.sql in name order, statement by statement;
//   2. seeds two rows into every table they created, derived from system.columns;
//   3. runs queries/*.sql and every ClickHouse rawSql of the Grafana dashboards in
//      <repo>/dashboards, with the plugin's macros and template variables expanded.
// Prints one line per checked statement and `chdb: N passed, M failed`; exits 1 on any failure.
// Paths are resolved from this file's location, so it runs from any working directory.
// --verbose (-v) also prints each dashboard query as expanded.

import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const CH_DIR = resolve(HERE, '..'); // schemas/clickhouse
const REPO = resolve(CH_DIR, '..', '..');
const MIGRATIONS = join(CH_DIR, 'migrations');
const QUERIES = join(CH_DIR, 'queries');
const STATEMENTS = join(CH_DIR, 'statements');
const DASHBOARDS = join(REPO, 'dashboards');
const DB = 'gridpulse_check';

// The fixed dashboard time range: 2024-01-01T00:00:00Z .. 2024-01-02T00:00:00Z, 60 s interval.
// Seeded DateTime values fall inside it, so time-filtered panels see the seeded rows.
const FROM_MS = Date.UTC(2024, 0, 1, 0, 0, 0);
const TO_MS = Date.UTC(2024, 0, 2, 0, 0, 0);
const INTERVAL_S = 60;
// Value given to every string template variable; the seeded rows' String columns hold 'x' (and 'y').
const VAR_VALUE = 'x';

let passed = 0;
let failed = 0;
const ok = (label, extra = '') => { passed++; console.log(`ok  ${label}${extra ? `  ${extra}` : ''}`); };
const fail = (label, err, sql) => {
  failed++;
  console.log(`FAIL  ${label}`);
  console.log(indent(`error: ${errText(err)}`));
  if (sql) console.log(indent(`statement:\n${indent(sql.trim())}`));
};
const notes = new Set();
const note = (msg) => { if (!notes.has(msg)) { notes.add(msg); console.log(`note  ${msg}`); } };
const VERBOSE = process.argv.includes('--verbose') || process.argv.includes('-v');
const indent = (s, n = 4) => s.split('\n').map((l) => ' '.repeat(n) + l).join('\n');
const errText = (e) => (e && e.message ? e.message : String(e)).replace(/^Query failed: /, '').trim();
const rel = (p) => relative(CH_DIR, p);

// ---------------------------------------------------------------------------------------------
// SQL text helpers

/** Removes `--` line comments and block comments (outside string literals and quoted names). */
function stripComments(sql) {
  let out = '';
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'" || c === '"' || c === '`') {
      const j = endOfQuoted(sql, i);
      out += sql.slice(i, j);
      i = j - 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && sql[i + 1] === '*') {
      const j = sql.indexOf('*/', i + 2);
      i = j < 0 ? sql.length : j + 1;
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

/** Index just past the quoted token starting at i (handles doubled quotes and backslash escapes). */
function endOfQuoted(s, i) {
  const q = s[i];
  let j = i + 1;
  while (j < s.length) {
    if (s[j] === '\\') { j += 2; continue; }
    if (s[j] === q) {
      if (s[j + 1] === q) { j += 2; continue; }
      return j + 1;
    }
    j++;
  }
  return s.length;
}

/**
 * Splits a SQL file exactly as the project's runner does (jobs/.../clickhouse/SqlResources.statements):
 * at a `;` that ends a line (only spaces or tabs may follow it); pieces made only of blank and
 * `--` lines are dropped.
 */
function splitStatements(text) {
  return text
    .split(/;[ \t]*(?:\r?\n|$)/)
    .filter((piece) => !piece.split(/\r?\n/).every((l) => l.trim() === '' || l.trim().startsWith('--')))
    .map((piece) => piece.trim());
}

/**
 * True when a piece still holds a `;` with more SQL after it (outside strings and comments).
 * chdb runs such a piece as several statements without complaint, but the runner sends each piece
 * as one query, which a ClickHouse server refuses ("Multi-statements are not allowed").
 */
function hasSeveralStatements(piece) {
  const masked = stripComments(piece).replace(/'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*"|`(?:[^`\\]|\\.|``)*`/g, "''");
  const at = masked.indexOf(';');
  return at >= 0 && masked.slice(at + 1).replace(/;/g, '').trim() !== '';
}

/** First non-comment line of a statement, for labels. */
function headline(sql) {
  const line = stripComments(sql).split('\n').map((l) => l.trim()).find((l) => l) || '';
  return line.length > 70 ? `${line.slice(0, 67)}...` : line;
}

const sqlString = (v) => `'${String(v).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const sqlStringBody = (v) => sqlString(v).slice(1, -1);

// ---------------------------------------------------------------------------------------------
// Seed rows generated from column types

/** Splits the top-level comma-separated arguments of a type, e.g. "String, Array(Tuple(a UInt8))". */
function splitArgs(s) {
  const args = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "'" || c === '"' || c === '`') { i = endOfQuoted(s, i) - 1; continue; }
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) { args.push(s.slice(start, i).trim()); start = i + 1; }
  }
  const last = s.slice(start).trim();
  if (last) args.push(last);
  return args;
}

/** Parses "Name(args)" into { name, args }; a bare "Name" has args []. */
function parseType(t) {
  t = t.trim();
  const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*(?:\((.*)\))?$/s.exec(t);
  if (!m) return { name: t, args: [] };
  return { name: m[1], args: m[2] === undefined ? [] : splitArgs(m[2]) };
}

/**
 * A Values-format literal for a value of type `type` in seed row `row` (0 or 1),
 * or undefined when the type is not handled (the column then gets its default).
 */
function literal(type, row) {
  const { name, args } = parseType(type);
  const n = row + 1;
  switch (name) {
    case 'Nullable': case 'LowCardinality':
      return literal(args[0], row);
    case 'String': case 'FixedString':
      return row === 0 ? "'x'" : "'y'";
    case 'UInt8': case 'UInt16': case 'UInt32': case 'UInt64':
    case 'Int8': case 'Int16': case 'Int32': case 'Int64':
      return String(n);
    case 'Float32': case 'Float64':
      return `${n}.5`;
    case 'Decimal': case 'Decimal32': case 'Decimal64': case 'Decimal128': {
      const scale = Number(name === 'Decimal' ? (args[1] ?? 0) : args[0]);
      return scale > 0 ? `${n}.5` : String(n);
    }
    case 'Bool': case 'Boolean':
      return row === 0 ? 'true' : 'false';
    case 'Date':
      return "'2024-01-01'";
    case 'DateTime':
      return row === 0 ? "'2024-01-01 12:00:00'" : "'2024-01-01 12:15:00'";
    case 'Enum': case 'Enum8': case 'Enum16': {
      const m = /^('(?:[^'\\]|\\.|'')*')/.exec(args[0] || '');
      return m ? m[1] : undefined;
    }
    case 'Array': {
      const v = literal(args[0], row);
      return v === undefined ? '[]' : `[${v}]`;
    }
    default:
      return undefined;
  }
}

const ident = (n) => `\`${n.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;

/**
 * Writes each seeded key again with the other seed row's values, in the order that tests the
 * table's rule (key 0 newer, key 1 older), and reads back with FINAL: there must still be two rows,
 * each holding the version the engine promises.
 */
async function checkDeduplication(q, table) {
  const [meta] = (await q(
    `SELECT sorting_key, engine_full FROM system.tables WHERE database = currentDatabase() AND name = ${sqlString(table)}`,
    'JSON')).json().data;
  const keyCols = meta.sorting_key.split(',').map((k) => k.trim());
  const cols = (await q(
    `SELECT name, type, default_kind FROM system.columns
     WHERE database = currentDatabase() AND table = ${sqlString(table)} ORDER BY position`, 'JSON')).json().data
    .filter((c) => c.default_kind !== 'MATERIALIZED' && c.default_kind !== 'ALIAS' && literal(c.type, 0) !== undefined);
  const names = new Set(cols.map((c) => c.name));
  const unknown = keyCols.filter((k) => !names.has(k));
  if (unknown.length > 0) return { detail: `(sorting key ${meta.sorting_key} has expressions: not checked)` };
  const versionMatch = /ReplacingMergeTree\(\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(meta.engine_full);
  const version = versionMatch ? versionMatch[1] : null;
  const probe = cols.find((c) => !keyCols.includes(c.name) && c.name !== version && literal(c.type, 0) !== literal(c.type, 1));
  if (!probe) return { detail: '(no column besides the key to tell versions apart: not checked)' };
  // key columns from row k, all other columns (version included) from row 1-k
  const row = (k) => `(${cols.map((c) => literal(c.type, keyCols.includes(c.name) ? k : 1 - k)).join(', ')})`;
  await q(`INSERT INTO ${ident(table)} (${cols.map((c) => ident(c.name)).join(', ')}) VALUES ${row(0)}`);
  await q(`INSERT INTO ${ident(table)} (${cols.map((c) => ident(c.name)).join(', ')}) VALUES ${row(1)}`);
  const rows = Number((await q(`SELECT count() FROM ${ident(table)} FINAL`)).text().trim());
  if (rows !== 2) return { error: `${rows} rows after FINAL for 2 keys written twice each` };
  const newer = Number((await q(
    `SELECT count() FROM ${ident(table)} FINAL WHERE ${ident(probe.name)} = ${literal(probe.type, 1)}`)).text().trim());
  // with a version column the higher version wins: key 1 keeps its first write (version 2), key 0
  // takes its second (version 2); without one the last write wins for both keys
  const expected = version ? 2 : 1;
  if (newer !== expected) {
    return { error: `after FINAL ${newer} of 2 keys hold ${probe.name} = ${literal(probe.type, 1)}, expected ${expected}` +
      (version ? ` (the highest ${version} must win whatever the arrival order)` : ' (the last write must win)') };
  }
  return { detail: version ? `(2 keys, highest ${version} wins)` : '(2 keys, last write wins)' };
}

// Engines whose tables accept plain INSERTs of seed rows; anything else (Kafka, views,
// Distributed, external tables, ...) is left unseeded.
const SEEDABLE_ENGINE = /MergeTree$|^(Memory|Log|TinyLog|StripeLog)$/;

// ---------------------------------------------------------------------------------------------
// Grafana: extraction and macro expansion (as grafana-clickhouse-datasource does it)

function listJsonFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listJsonFiles(p));
    else if (e.isFile() && e.name.endsWith('.json')) out.push(p);
  }
  return out.sort();
}

function dsType(ds) {
  if (!ds) return '';
  if (typeof ds === 'string') return ds; // old dashboards name the datasource
  return ds.type || ds.uid || '';
}

/** True when a datasource reference is known to be something other than ClickHouse. */
function isOtherDatasource(ds) {
  const t = dsType(ds);
  if (!t || /clickhouse/i.test(t) || t.startsWith('$') || t === '-- Mixed --' || t === 'default') return false;
  return typeof ds === 'object' && Boolean(ds.type); // a typed, non-ClickHouse datasource
}

/** Every ClickHouse SQL in a dashboard: panel targets (nested rows too) and variable queries. */
function dashboardSqls(dash) {
  const found = [];
  const walkPanels = (panels) => {
    for (const p of panels || []) {
      for (const t of p.targets || []) {
        if (typeof t.rawSql !== 'string' || !t.rawSql.trim()) continue;
        const ds = t.datasource && dsType(t.datasource) !== '-- Mixed --' ? t.datasource : p.datasource;
        const label = `panel "${p.title || ''}" (id ${p.id ?? '?'}) target ${t.refId || '?'}`;
        if (isOtherDatasource(ds)) { note(`skipped ${label}: datasource ${dsType(ds)}`); continue; }
        found.push({ label, sql: t.rawSql });
      }
      walkPanels(p.panels); // collapsed rows keep their panels inside
    }
  };
  walkPanels(dash.panels);
  for (const r of dash.rows || []) walkPanels(r.panels); // pre-5.0 dashboards
  for (const v of dash.templating?.list || []) {
    if (v.type !== 'query') continue;
    const sql = typeof v.query === 'string' ? v.query : v.query?.rawSql;
    if (typeof sql !== 'string' || isOtherDatasource(v.datasource)) continue;
    // A variable of a datasource named only by a string may be PromQL & co: take SQL-looking ones.
    if (!/^\s*(SELECT|WITH|SHOW|DESCRIBE|DESC)\b/i.test(stripComments(sql))) continue;
    found.push({ label: `variable ${v.name}`, sql });
  }
  return found;
}

/** Template variables of a dashboard: name -> { multi, value } where value is the check's value. */
function dashboardVariables(dash) {
  const vars = new Map();
  for (const v of dash.templating?.list || []) {
    if (!v.name) continue;
    const cur = v.current?.value;
    const first = Array.isArray(cur) ? cur[0] : cur;
    const numeric = typeof first === 'number' || (typeof first === 'string' && /^-?\d+(\.\d+)?$/.test(first));
    vars.set(v.name, {
      multi: Boolean(v.multi || v.includeAll),
      value: numeric ? String(first) : VAR_VALUE,
      numeric,
    });
  }
  return vars;
}

/** Arguments of a macro call whose '(' is at s[open]; returns { args, end } (end just past ')'). */
function macroArgs(s, open) {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === "'" || c === '"' || c === '`') { i = endOfQuoted(s, i) - 1; continue; }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) {
      return { args: splitArgs(s.slice(open + 1, i)), end: i + 1 };
    }
  }
  return null;
}

/** $__conditionalAll(condition, $var): the condition, or 1=1 when the variable is All/empty. */
function expandConditionalAll(sql) {
  const macro = '$__conditionalAll';
  let at;
  while ((at = sql.lastIndexOf(macro)) !== -1) {
    const open = at + macro.length;
    const call = sql[open] === '(' ? macroArgs(sql, open) : null;
    if (!call || call.args.length !== 2) throw new Error('$__conditionalAll needs 2 arguments');
    // The check selects one value (not All), so the condition stays, as Grafana would keep it.
    sql = sql.slice(0, at) + call.args[0] + sql.slice(call.end);
  }
  return sql;
}

/**
 * Grafana's template-variable interpolation ($var, ${var}, ${var:format}, [[var]]), done the way
 * the front end does before the query reaches the plugin's back end. Global variables
 * ($__from, $__to, $__interval, ...) get the fixed time range's values; other `$__name`s are
 * left for the plugin's macros. Dashboard variables (and unknown names) become a string literal:
 * 'x' outside a string literal, x inside one ('$grid' -> 'x'); numeric variables stay numbers.
 */
function interpolateVariables(sql, vars, label) {
  const globals = {
    __from: String(FROM_MS), __to: String(TO_MS),
    __interval: `${INTERVAL_S / 60}m`, __interval_ms: String(INTERVAL_S * 1000),
    __range: '1d', __range_s: String((TO_MS - FROM_MS) / 1000), __range_ms: String(TO_MS - FROM_MS),
    __timezone: 'utc',
  };
  const globalFormatted = (name, fmt) => {
    if ((name === '__from' || name === '__to') && fmt && fmt.startsWith('date')) {
      const ms = name === '__from' ? FROM_MS : TO_MS;
      const f = fmt.slice(5);
      if (f === 'seconds') return String(ms / 1000);
      if (f === '' || f === 'iso') return new Date(ms).toISOString();
      return String(ms);
    }
    return globals[name];
  };
  const re = /\$\{(\w+)(?::([^}]*))?\}|\[\[(\w+)(?::([^\]]*))?\]\]|\$(\w+)/y;
  let out = '';
  let i = 0;
  let inString = false;
  while (i < sql.length) {
    const c = sql[i];
    if (!inString) {
      // Quoted names and comments are copied as they are (an apostrophe in them is no string).
      let j = -1;
      if (c === '"' || c === '`') j = endOfQuoted(sql, i);
      else if (c === '-' && sql[i + 1] === '-') {
        const nl = sql.indexOf('\n', i);
        j = nl < 0 ? sql.length : nl;
      } else if (c === '/' && sql[i + 1] === '*') {
        const e = sql.indexOf('*/', i + 2);
        j = e < 0 ? sql.length : e + 2;
      }
      if (j > i) { out += sql.slice(i, j); i = j; continue; }
    }
    if (c === "'") {
      if (inString && sql[i + 1] === "'") { out += "''"; i += 2; continue; }
      inString = !inString;
      out += c; i++;
      continue;
    }
    if (inString && c === '\\') { out += sql.slice(i, i + 2); i += 2; continue; }
    if (c !== '$' && c !== '[') { out += c; i++; continue; }
    re.lastIndex = i;
    const m = re.exec(sql);
    const name = m && (m[1] || m[3] || m[5]);
    // [[name]] is only a variable when the dashboard defines it ([[1]] is a ClickHouse array).
    if (!m || (m[3] && !vars.has(name))) { out += c; i++; continue; }
    const fmt = m[2] ?? m[4];
    let rep;
    if (name.startsWith('__')) {
      rep = globalFormatted(name, fmt);
      if (rep === undefined) rep = m[0]; // not a Grafana global: a plugin macro, expanded later
    } else {
      let v = vars.get(name);
      if (!v) {
        note(`${label}: $${name} is not a dashboard variable; using '${VAR_VALUE}'`);
        v = { multi: false, value: VAR_VALUE, numeric: false };
      } else if (!inString && !v.numeric && !v.multi && !fmt) {
        note(`${label}: Grafana puts single-value $${name} into the SQL unquoted; ` +
          `quote it ('$${name}') or use \${${name}:singlequote}`);
      }
      if (inString) rep = sqlStringBody(v.value);
      else if (v.numeric || fmt === 'raw' || fmt === 'text') rep = v.value;
      else rep = sqlString(v.value);
    }
    out += rep;
    i = re.lastIndex;
  }
  return out;
}

/** Back-end macros of grafana-clickhouse-datasource (pkg/macros), for the fixed time range. */
function expandPluginMacros(sql) {
  const secs = (ms) => Math.floor(ms / 1000);
  const dt = (ms) => `toDateTime(${secs(ms)})`;
  const dt64 = (ms) => `fromUnixTimestamp64Milli(${ms})`;
  const date = (ms) => `toDate('${new Date(ms).toISOString().slice(0, 10)}')`;
  const range = (col, f) => `${col} >= ${f(FROM_MS)} AND ${col} <= ${f(TO_MS)}`;
  const macros = {
    fromTime: { n: 0, f: () => dt(FROM_MS) },
    toTime: { n: 0, f: () => dt(TO_MS) },
    fromTime_ms: { n: 0, f: () => dt64(FROM_MS) },
    toTime_ms: { n: 0, f: () => dt64(TO_MS) },
    timeFilter: { n: 1, f: ([c]) => range(c, dt) },
    timeFilter_ms: { n: 1, f: ([c]) => range(c, dt64) },
    dateFilter: { n: 1, f: ([c]) => range(c, date) },
    dateTimeFilter: { n: 2, f: ([d, t]) => `(${range(d, date)}) AND (${range(t, dt)})` },
    dt: { n: 2, f: ([d, t]) => `(${range(d, date)}) AND (${range(t, dt)})` },
    timeInterval: { n: 1, f: ([c]) => `toStartOfInterval(toDateTime(${c}), INTERVAL ${INTERVAL_S} second)` },
    timeInterval_ms: { n: 1, f: ([c]) => `toStartOfInterval(toDateTime64(${c}, 3), INTERVAL ${INTERVAL_S * 1000} millisecond)` },
    interval_s: { n: 0, f: () => String(INTERVAL_S) },
  };
  const re = /\$__(\w+)/g;
  let out = '';
  let last = 0;
  let m;
  while ((m = re.exec(sql))) {
    const macro = macros[m[1]];
    if (!macro) throw new Error(`macro $__${m[1]} is not one the check knows how to expand`);
    let args = [];
    let end = re.lastIndex;
    if (sql[end] === '(') {
      const call = macroArgs(sql, end);
      if (!call) throw new Error(`unbalanced parentheses after $__${m[1]}`);
      args = call.args.filter((a) => a !== '');
      end = call.end;
    }
    if (args.length !== macro.n) {
      throw new Error(`$__${m[1]}: expected ${macro.n} argument(s), received ${args.length}`);
    }
    out += sql.slice(last, m.index) + macro.f(args);
    last = end;
    re.lastIndex = end;
  }
  return out + sql.slice(last);
}

function expandGrafana(sql, vars, label) {
  return expandPluginMacros(interpolateVariables(expandConditionalAll(sql), vars, label));
}

// ---------------------------------------------------------------------------------------------

const sqlFiles = (dir) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.sql')).sort() : []);

async function main() {
  let chdb;
  try {
    chdb = await import('chdb');
  } catch (e) {
    fail('load chdb', new Error(`${e.message}\nrun first: npm ci --prefix ${relative(process.cwd(), HERE) || '.'}`));
    return;
  }
  const session = new chdb.Session(); // a fresh temporary data directory, removed by close()
  const q = (sql, format = 'TSV') => session.queryAsync(sql, { format });
  try {
    const engine = (await q('SELECT version()')).text().trim();
    console.log(`chdb ${typeof chdb.version === 'function' ? chdb.version().chdb : '?'}, ClickHouse engine ${engine}`);
    await q(`CREATE DATABASE ${DB}`);
    await q(`USE ${DB}`);

    // 1. migrations, statement by statement
    const migrationFiles = sqlFiles(MIGRATIONS);
    if (migrationFiles.length === 0) fail(rel(MIGRATIONS), new Error('no migrations found'));
    for (const f of migrationFiles) {
      const label = `migrations/${f}`;
      const stmts = splitStatements(readFileSync(join(MIGRATIONS, f), 'utf8'));
      if (stmts.length === 0) note(`${label}: no statements`);
      for (const [k, stmt] of stmts.entries()) {
        const l = stmts.length > 1 ? `${label} [${k + 1}/${stmts.length}] ${headline(stmt)}` : label;
        if (hasSeveralStatements(stmt)) {
          fail(l, new Error('several statements in one piece: the runner splits only at a `;` that ends a line'), stmt);
          continue;
        }
        try {
          await q(stmt);
          ok(l);
        } catch (e) {
          fail(l, e, stmt);
        }
      }
    }

    // 2. seed rows into every table the migrations created
    const tables = (await q(
      `SELECT name, engine FROM system.tables WHERE database = currentDatabase() ORDER BY name`, 'JSON')).json().data;
    for (const { name, engine } of tables) {
      const label = `seed ${name}`;
      if (name.startsWith('.inner')) continue; // a materialized view's own storage: fed through its source
      if (/View$|^Dictionary$/.test(engine)) continue; // no storage of its own
      if (!SEEDABLE_ENGINE.test(engine)) { note(`${label}: engine ${engine} is not seeded`); continue; }
      const cols = (await q(
        `SELECT name, type, default_kind FROM system.columns
         WHERE database = currentDatabase() AND table = ${sqlString(name)} ORDER BY position`, 'JSON')).json().data;
      const usable = [];
      const skipped = [];
      for (const c of cols) {
        if (c.default_kind === 'MATERIALIZED' || c.default_kind === 'ALIAS') continue;
        if (literal(c.type, 0) === undefined) skipped.push(`${c.name} ${c.type}`);
        else usable.push(c);
      }
      const rows = [0, 1].map((r) => `(${usable.map((c) => literal(c.type, r)).join(', ')})`);
      const sql = `INSERT INTO ${ident(name)} (${usable.map((c) => ident(c.name)).join(', ')}) VALUES\n${rows.join(',\n')}`;
      try {
        await q(sql);
        ok(label, `(2 rows${skipped.length ? `; defaults for ${skipped.join(', ')}` : ''})`);
      } catch (e) {
        fail(label, e, sql);
      }
    }

    // 2b. deduplication: every ReplacingMergeTree returns one row per key after FINAL, the newest
    // version (or, without a version column, the last write) whatever the order rows arrived in
    for (const { name, engine } of tables) {
      if (engine !== 'ReplacingMergeTree') continue;
      try {
        const verdict = await checkDeduplication(q, name);
        if (verdict.error) fail(`dedup ${name}`, new Error(verdict.error));
        else ok(`dedup ${name}`, verdict.detail);
      } catch (e) {
        fail(`dedup ${name}`, e);
      }
    }

    // 2c. statements/*.sql: statements the jobs make and run (INSERT … SELECT), written there by
    // the tests that keep them equal to what the code makes; on the seeded tables
    for (const f of existsSync(STATEMENTS) ? sqlFiles(STATEMENTS) : []) {
      const stmts = splitStatements(readFileSync(join(STATEMENTS, f), 'utf8'));
      if (stmts.length === 0) fail(`statements/${f}`, new Error('no statements'));
      for (const [k, stmt] of stmts.entries()) {
        const label = `statements/${f} [${k + 1}/${stmts.length}] ${headline(stmt)}`;
        try {
          await q(stmt);
          ok(label);
        } catch (e) {
          fail(label, e, stmt);
        }
      }
    }

    // Everything from here on only reads (readonly=2 still allows SETTINGS clauses).
    await q('SET readonly = 2');

    // 3. queries/*.sql: one SELECT each
    for (const f of sqlFiles(QUERIES)) {
      const label = `queries/${f}`;
      const text = readFileSync(join(QUERIES, f), 'utf8');
      const stmts = splitStatements(text);
      if (stmts.length !== 1 || hasSeveralStatements(stmts[0])) {
        fail(label, new Error('expected exactly one statement'));
        continue;
      }
      try {
        const r = await q(stmts[0], 'JSONCompact');
        ok(label, `(${r.json().rows} rows)`);
      } catch (e) {
        fail(label, e);
      }
    }

    // 4. Grafana dashboards
    const dashFiles = existsSync(DASHBOARDS) && statSync(DASHBOARDS).isDirectory() ? listJsonFiles(DASHBOARDS) : [];
    if (dashFiles.length === 0) note('no Grafana dashboards (dashboards/*.json) to check');
    for (const file of dashFiles) {
      const name = relative(REPO, file);
      let dash;
      try {
        dash = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        fail(name, new Error(`not valid JSON: ${e.message}`));
        continue;
      }
      if (dash && dash.dashboard && !dash.panels) dash = dash.dashboard; // API export wrapper
      if (!dash || (!dash.panels && !dash.rows)) { note(`${name}: not a dashboard, skipped`); continue; }
      const vars = dashboardVariables(dash);
      const sqls = dashboardSqls(dash);
      if (sqls.length === 0) note(`${name}: no ClickHouse rawSql`);
      for (const { label: where, sql } of sqls) {
        const label = `${name}: ${where}`;
        let expanded;
        try {
          expanded = expandGrafana(sql, vars, label);
        } catch (e) {
          fail(label, e, sql);
          continue;
        }
        try {
          const r = await q(expanded, 'JSONCompact');
          ok(label, `(${r.json().rows} rows)`);
          if (VERBOSE) console.log(indent(`expanded:\n${indent(expanded.trim())}`));
        } catch (e) {
          fail(label, e, expanded);
        }
      }
    }
  } catch (e) {
    fail('check', e);
  } finally {
    session.close();
  }
}

await main();
console.log(`chdb: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
