import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PrismaConfig } from "prisma";

// Prisma 6 with the JavaScript engine: the CLI talks to PostgreSQL through the
// pg driver adapter, so no engine binary has to be downloaded.
export default {
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set (run through scripts/prisma.ts)");
    return new PrismaPg({ connectionString: url });
  },
} satisfies PrismaConfig;
