// The database's roles, as data and SQL (no connection here; engine.mjs runs it).
//
// - `<prefix>_owner` owns every schema, table, sequence and function: migrations run as it
//   (logged in as it, or as an administrator who is a member of it and sets the role).
// - `<prefix>_<service>` is the login of one service: it reads and writes the tables of its own
//   schema and nothing else (no USAGE on any other schema), without TRUNCATE or DDL; a few tables
//   give it less (LIMITED_TABLES): the gateway only appends to and reads the audit trail.
// Roles belong to the cluster, privileges to each database: provisioning is idempotent, and
// safe when several runs create the same roles at once.

export const DEFAULT_ROLE_PREFIX = 'salesops';

const ROLE_PREFIX = /^[a-z_][a-z0-9_]{0,40}$/;

export function rolesOf(services, prefix = DEFAULT_ROLE_PREFIX) {
  if (!ROLE_PREFIX.test(prefix)) throw new Error(`invalid role prefix "${prefix}"`);
  return {
    owner: `${prefix}_owner`,
    services: Object.fromEntries(services.map((service) => [service, `${prefix}_${service}`])),
  };
}

/** What a service's role may do to its tables, unless LIMITED_TABLES says less. */
const TABLE_PRIVILEGES = 'SELECT, INSERT, UPDATE, DELETE';
const SEQUENCE_PRIVILEGES = 'USAGE, SELECT';

/** Tables whose service role gets less than TABLE_PRIVILEGES, per service (every service: '*'). */
export const LIMITED_TABLES = {
  '*': { _prisma_migrations: 'SELECT' },
  gateway: { audit_event: 'SELECT, INSERT', audit_event_unkeyed: 'SELECT' },
};

export const quoteIdent = (name) => `"${String(name).replace(/"/g, '""')}"`;
export const quoteLiteral = (value) => `'${String(value).replace(/'/g, "''")}'`;

/** 42710 duplicate_object; 23505 when two sessions insert the same role into pg_authid at once. */
export const ROLE_EXISTS_CODES = new Set(['42710', '23505']);

export const createRoleSql = (role) => `CREATE ROLE ${quoteIdent(role)} LOGIN`;

export const setPasswordSql = (role, password) =>
  `ALTER ROLE ${quoteIdent(role)} PASSWORD ${quoteLiteral(password)}`;

/** Database-wide: only our roles connect; the owner creates the schemas. */
export function databaseGrantsSql(database, roles) {
  const db = quoteIdent(database);
  const logins = Object.values(roles.services).map(quoteIdent).join(', ');
  return [
    `REVOKE ALL ON DATABASE ${db} FROM PUBLIC`,
    `GRANT CONNECT, CREATE ON DATABASE ${db} TO ${quoteIdent(roles.owner)}`,
    `GRANT CONNECT ON DATABASE ${db} TO ${logins}`,
  ].join(';\n');
}

/**
 * The schema, owned by the owner role, and everything already in it handed over to the owner
 * (databases migrated before there were roles hold objects of whoever ran the migrations).
 */
export function schemaOwnershipSql(schema, owner) {
  const ns = `${quoteLiteral(schema)}::regnamespace`;
  const o = quoteLiteral(owner);
  const notOwner = (column) => `pg_get_userbyid(${column}) <> ${o}`;
  return `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)} AUTHORIZATION ${quoteIdent(owner)};
ALTER SCHEMA ${quoteIdent(schema)} OWNER TO ${quoteIdent(owner)};
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
    WHERE c.relnamespace = ${ns} AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${notOwner('c.relowner')}
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO %I',
      CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
        WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, r.name, ${o});
  END LOOP;
  -- Sequences of serial and identity columns follow their table.
  FOR r IN SELECT c.oid::regclass AS name FROM pg_class c
    WHERE c.relnamespace = ${ns} AND c.relkind = 'S' AND ${notOwner('c.relowner')}
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
        AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
  LOOP
    EXECUTE format('ALTER SEQUENCE %s OWNER TO %I', r.name, ${o});
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS name, p.prokind FROM pg_proc p
    WHERE p.pronamespace = ${ns} AND ${notOwner('p.proowner')}
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO %I',
      CASE r.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END,
      r.name, ${o});
  END LOOP;
  FOR r IN SELECT t.oid::regtype AS name, t.typtype FROM pg_type t
    WHERE t.typnamespace = ${ns} AND t.typtype IN ('e', 'd', 'r') AND ${notOwner('t.typowner')}
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO %I',
      CASE r.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, r.name, ${o});
  END LOOP;
END
$$`;
}

/**
 * Run by the owner after each migration run, in one transaction (a running service never sees
 * its rights missing): the service's role on its schema, default privileges so tables that later
 * migrations create are granted too, and the limited tables.
 */
export function serviceGrantsSql(service, schema, roles) {
  const s = quoteIdent(schema);
  const role = quoteIdent(roles.services[service]);
  const limited = { ...LIMITED_TABLES['*'], ...(LIMITED_TABLES[service] ?? {}) };
  const statements = [
    `REVOKE ALL ON SCHEMA ${s} FROM PUBLIC`,
    `GRANT USAGE ON SCHEMA ${s} TO ${role}`,
    `GRANT ${TABLE_PRIVILEGES} ON ALL TABLES IN SCHEMA ${s} TO ${role}`,
    `GRANT ${SEQUENCE_PRIVILEGES} ON ALL SEQUENCES IN SCHEMA ${s} TO ${role}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT ${TABLE_PRIVILEGES} ON TABLES TO ${role}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT ${SEQUENCE_PRIVILEGES} ON SEQUENCES TO ${role}`,
  ];
  for (const [table, privileges] of Object.entries(limited)) {
    const t = `${s}.${quoteIdent(table)}`;
    statements.push(
      `DO $$ BEGIN
  IF to_regclass(${quoteLiteral(t)}) IS NOT NULL THEN
    REVOKE ALL ON TABLE ${t} FROM ${role};
    GRANT ${privileges} ON TABLE ${t} TO ${role};
  END IF;
END $$`,
    );
  }
  // One simple query: PostgreSQL runs its statements as one transaction.
  return statements.join(';\n');
}
