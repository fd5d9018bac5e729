import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export interface EmbeddedDefaults {
  authSecret: string;
  encryptionKey: string;
  databasePassword: string;
}

/** Secrets the embedded default generates on first start and keeps in its data folder. */
export async function loadEmbeddedDefaults(dataDir: string): Promise<EmbeddedDefaults> {
  const file = path.join(dataDir, "secrets.json");
  try {
    return JSON.parse(await readFile(file, "utf8")) as EmbeddedDefaults;
  } catch {
    await mkdir(dataDir, { recursive: true });
    const defaults: EmbeddedDefaults = {
      authSecret: randomBytes(32).toString("base64url"),
      encryptionKey: randomBytes(32).toString("base64"),
      databasePassword: randomBytes(18).toString("base64url"),
    };
    await writeFile(file, JSON.stringify(defaults, null, 2), { mode: 0o600 });
    return defaults;
  }
}

/** The secrets of an existing embedded default, or null when there is none (nothing is created). */
export async function readEmbeddedDefaults(dataDir: string): Promise<EmbeddedDefaults | null> {
  try {
    return JSON.parse(await readFile(path.join(dataDir, "secrets.json"), "utf8")) as EmbeddedDefaults;
  } catch {
    return null;
  }
}
