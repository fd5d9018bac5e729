import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

export type Db = PrismaClient;
/** A client or an interactive transaction: verbs accept either. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { portalDb?: PrismaClient };

export function createDb(connectionString: string) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 20 }) });
}

export const db: PrismaClient = (globalForDb.portalDb ??= createLazyDb());

/** Connects on first use, so importing this module never needs a database. */
function createLazyDb(): PrismaClient {
  let client: PrismaClient | undefined;
  return new Proxy({} as PrismaClient, {
    get(_target, prop) {
      client ??= createDb(env().DATABASE_URL);
      const value = Reflect.get(client, prop);
      return typeof value === "function" ? value.bind(client) : value;
    },
  });
}
