import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { schemaPaths } from "./contract/schema-paths";
import type { JsonSchemaObject } from "./contract/validator";
import { inScope } from "./scope";

export interface DetailPath {
  path: string;
  types: string[];
  enum: unknown[] | null;
}

/**
 * The detail paths a subscription filter can name for each type with a schema (the current
 * version; places inside arrays left out, since filters do not reach into them). Types without a
 * schema are absent: any path may exist there.
 */
export async function listDetailPaths({ ctx }: { ctx: Ctx }): Promise<Record<string, { version: number; paths: DetailPath[] }>> {
  authorize(ctx, "portal.read");
  const rows = await db.eventType.findMany({
    where: inScope({ schemaVersion: { not: null } }),
    take: 1000,
    select: { name: true, schemas: { orderBy: { version: "desc" }, take: 1, select: { version: true, schema: true } } },
  });
  return Object.fromEntries(
    rows
      .filter((r) => r.schemas[0])
      .map((r) => [
        r.name,
        {
          version: r.schemas[0].version,
          paths: schemaPaths(r.schemas[0].schema as JsonSchemaObject)
            .filter((p) => !p.path.includes("[]"))
            .map((p) => ({ path: p.path, types: p.types, enum: p.enum })),
        },
      ]),
  );
}
