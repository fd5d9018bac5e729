import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import {
  currentWorkspaceId,
  INTEGRATION_CHILD_MODELS,
  inSystemScope,
  unscopedQueriesRefused,
  WORKSPACE_MODELS,
} from "@/lib/workspaces/scope";

/** A client or an interactive transaction: verbs accept either. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

interface Connections {
  pool: pg.Pool;
  prisma: PrismaClient;
}

const globalForDb = globalThis as unknown as { portalDb?: Connections };

/** One pg pool per process, shared by Prisma and the few hand-written queries of hot paths. */
function connections(): Connections {
  if (!globalForDb.portalDb) {
    // Connections are kept a minute when idle: opening one costs a SCRAM handshake, and the
    // statements prepared on it would be prepared again.
    const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 20, idleTimeoutMillis: 60_000 });
    // pg-pool hangs the idle client on the error (`error.client`): log the error without it, or a
    // restarting database writes every statement prepared on that connection into the log.
    pool.on("error", (error) => {
      const { code, severity } = error as Error & { code?: string; severity?: string };
      const logged = Object.assign(new Error(error.message), { name: error.name, stack: error.stack, code, severity });
      logger().error({ component: "db", err: logged }, "PostgreSQL connection error");
    });
    globalForDb.portalDb = { pool, prisma: scopedToWorkspaces(new PrismaClient({ adapter: new PrismaPg(pool) })) };
  }
  return globalForDb.portalDb;
}

/** The Prisma client; connects on first use, so importing this module needs no database. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = connections().prisma;
    const value = Reflect.get(client, prop);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

const WHERE_OPERATIONS = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
  "upsert",
]);

type Args = { where?: object; data?: object | object[]; create?: object };

/**
 * The workspace scope (lib/workspaces/scope.ts), applied to every query the client makes: on a model
 * a workspace owns, the current workspace is added to the query's filter and to what it creates; on
 * a model owned through its integration, the integration's workspace is added to the filter.
 * Hand-written SQL is not seen here: it names its workspace itself.
 */
function scopedToWorkspaces(client: PrismaClient): PrismaClient {
  return client.$extends({
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          const owned = WORKSPACE_MODELS.has(model);
          const child = !owned && INTEGRATION_CHILD_MODELS.has(model);
          if (!owned && !child) return query(args);
          const workspaceId = currentWorkspaceId();
          if (!workspaceId) {
            if (unscopedQueriesRefused() && !inSystemScope()) {
              throw new Error(`${model}.${operation} was called outside a workspace scope (see lib/workspaces/scope.ts).`);
            }
            return query(args);
          }
          const scoped: Args = { ...(args as Args) };
          if (WHERE_OPERATIONS.has(operation)) {
            const narrow = owned ? { workspaceId } : { integration: { workspaceId } };
            scoped.where = owned ? { ...scoped.where, ...narrow } : { ...scoped.where, AND: [narrow, ...andOf(scoped.where)] };
          }
          if (owned && operation.startsWith("create")) {
            scoped.data = Array.isArray(scoped.data) ? scoped.data.map((d) => ({ ...d, workspaceId })) : { ...scoped.data, workspaceId };
          }
          if (owned && operation === "upsert") scoped.create = { ...scoped.create, workspaceId };
          return query(scoped as typeof args);
        },
      },
    },
  }) as unknown as PrismaClient;
}

const andOf = (where: object | undefined): object[] => {
  const and = (where as { AND?: object | object[] } | undefined)?.AND;
  return and === undefined ? [] : Array.isArray(and) ? and : [and];
};

/** Closes this process's connections (scripts that end before the database server does). */
export async function disconnectDb() {
  const current = globalForDb.portalDb;
  globalForDb.portalDb = undefined;
  if (current) await current.pool.end();
}

// Prisma stores DateTime in `timestamp(3)` columns as UTC: read them back as UTC.
const utcTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.TIMESTAMP
      ? (value: string) => new Date(`${value.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * A hand-written query straight on the pool, for the paths where Prisma's per-query overhead
 * shows (the trigger path runs a handful per webhook): `sql\`SELECT … WHERE id = ${id}\``.
 * Values are always sent as parameters, never spliced into the text.
 *
 * Each call site is a named prepared statement: PostgreSQL parses and plans it once per
 * connection instead of on every call, which halves the server's CPU on the trigger path.
 */
export async function sql<T>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]> {
  const statement = preparedStatement(strings);
  const query = () =>
    connections().pool.query({ name: statement.name, text: statement.text, values: values.map(toParam), types: utcTypes });
  try {
    return (await query()).rows as T[];
  } catch (error) {
    // A migration changed a table under a statement prepared before it (another instance may
    // have applied it): prepare it again under a new name, once.
    if ((error as { code?: string }).code !== CACHED_PLAN_CHANGED) throw error;
    statement.name = `${statement.base}_${++statement.generation}`;
    return (await query()).rows as T[];
  }
}

const CACHED_PLAN_CHANGED = "0A000";

interface PreparedStatement {
  text: string;
  base: string;
  name: string;
  generation: number;
}

// A tagged template's strings array is the same object on every call from the same place.
const statements = new WeakMap<TemplateStringsArray, PreparedStatement>();

function preparedStatement(strings: TemplateStringsArray): PreparedStatement {
  let statement = statements.get(strings);
  if (!statement) {
    const text = strings.reduce((acc, part, i) => acc + `$${i}` + part);
    const base = `portal_${createHash("sha256").update(text).digest("hex").slice(0, 16)}`;
    statement = { text, base, name: base, generation: 0 };
    statements.set(strings, statement);
  }
  return statement;
}

const toParam = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

/** `sql` on the one connection of a transaction (sqlTransaction), and raw text for libraries that bring their own SQL. */
export interface SqlTx {
  <T>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]>;
  unsafe<T>(text: string, values?: unknown[]): Promise<T[]>;
}

/**
 * Runs `fn` in one transaction on one pooled connection, its statements prepared like `sql`'s:
 * for the hot write paths (ingestion) where an interactive Prisma transaction costs more than the
 * statements it runs. Rolled back when `fn` throws. A statement whose cached plan a migration made
 * stale is prepared again and the whole transaction run once more.
 */
export async function sqlTransaction<T>(fn: (q: SqlTx) => Promise<T>): Promise<T> {
  const client = await connections().pool.connect();
  const stale: { statement: PreparedStatement | null } = { statement: null };
  const q = (async (strings: TemplateStringsArray, ...values: unknown[]) => {
    const statement = preparedStatement(strings);
    try {
      return (await client.query({ name: statement.name, text: statement.text, values: values.map(toParam), types: utcTypes })).rows;
    } catch (error) {
      if ((error as { code?: string }).code === CACHED_PLAN_CHANGED) stale.statement = statement;
      throw error;
    }
  }) as SqlTx;
  q.unsafe = async <R>(text: string, values: unknown[] = []) =>
    (await client.query({ text, values: values.map(toParam), types: utcTypes })).rows as R[];
  let broken: Error | undefined;
  try {
    for (let round = 0; ; round++) {
      await client.query("BEGIN");
      try {
        const result = await fn(q);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
        const retry = stale.statement;
        if (!retry || round > 0 || broken) throw error;
        stale.statement = null;
        retry.name = `${retry.base}_${++retry.generation}`;
      }
    }
  } finally {
    // A connection that could not even roll back is closed, not handed to the next caller.
    client.release(broken);
  }
}

/** A tagged statement on either kind of transaction: Prisma's, or sqlTransaction's. */
export function statementOn(tx: Tx | SqlTx) {
  return (strings: TemplateStringsArray, ...values: unknown[]): Promise<unknown> =>
    typeof tx === "function" ? tx(strings, ...values) : tx.$executeRaw(strings, ...values);
}
