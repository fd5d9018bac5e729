import { z } from "zod";
import { parseAllowedHosts } from "@/lib/webhooks/address-policy";
import { proxyUrlProblem } from "@/lib/webhooks/proxy-settings";

/** The levels of PORTAL_LOG_LEVEL (lib/log.ts). */
export const logLevel = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);
const flag = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");
const positiveInt = (fallback: number) =>
  z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").positive("must be above 0").default(fallback);

const limit = z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(0, "must be 0 or more").optional();
/** A comma-separated list: "a, b" → ["a", "b"]. */
const list = z
  .string()
  .default("")
  .transform((value) =>
    value
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** One entry of PORTAL_OIDC_WORKSPACE_ROLES: claim value = workspace slug : role, "+trigger" optional. */
export const WORKSPACE_ROLE_ENTRY = /^([^=]+?)\s*=\s*([a-z0-9](?:[a-z0-9-]*[a-z0-9])?):(owner|admin|member)(\+trigger)?$/;

/** A proxy URL; a wrong one is reported without repeating it (it may carry a password). */
const proxyUrl = z.string().superRefine((value, ctx) => {
  const problem = proxyUrlProblem(value);
  if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
});

/** Every environment variable the portal reads, validated once. README lists them all. */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL"),
    PORT: positiveInt(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    PORTAL_URL: z.url().optional(),
    PORTAL_NAME: z.string().min(1).max(80).default("Webhooks Portal"),
    PORTAL_AUTH_SECRET: z
      .string({ error: "is required when DATABASE_URL is set (e.g. openssl rand -base64 48)" })
      .min(32, "must be at least 32 characters"),
    PORTAL_ENCRYPTION_KEY: z
      .string({ error: "is required when DATABASE_URL is set (openssl rand -base64 32)" })
      .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes encoded in base64 (openssl rand -base64 32)"),
    PORTAL_SESSION_HOURS: positiveInt(12),
    PORTAL_ADMIN_EMAIL: z.email().optional(),
    PORTAL_ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
    PORTAL_SEED_DEMO: flag.optional(),
    PORTAL_WEBHOOK_ALLOWED_HOSTS: z
      .string()
      .default("")
      .superRefine((value, ctx) => {
        try {
          parseAllowedHosts(value);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: (error as Error).message });
        }
      }),
    PORTAL_WEBHOOK_CA_FILE: z.string().optional(),
    /** Every webhook goes through this proxy (http:// or https://, credentials allowed); wins over HTTPS_PROXY. */
    PORTAL_WEBHOOK_PROXY: proxyUrl.optional(),
    /** Hosts sent around the proxy (NO_PROXY's syntax); NO_PROXY when unset. */
    PORTAL_WEBHOOK_NO_PROXY: z.string().optional(),
    /** The standard variables, honoured when PORTAL_WEBHOOK_PROXY is unset (upper case wins over lower). */
    HTTPS_PROXY: proxyUrl.optional(),
    https_proxy: proxyUrl.optional(),
    HTTP_PROXY: proxyUrl.optional(),
    http_proxy: proxyUrl.optional(),
    NO_PROXY: z.string().optional(),
    no_proxy: z.string().optional(),
    PORTAL_EXECUTION_RETENTION_DAYS: positiveInt(90),
    PORTAL_TRIGGER_RATE_LIMIT: positiveInt(30),
    /** Run a delivery worker inside the portal process (off: only `npm run worker` processes send). */
    PORTAL_WORKER: flag.default(true),
    /** Automatic deliveries one worker process sends at once. */
    PORTAL_WORKER_CONCURRENCY: positiveInt(10).pipe(z.number().max(200, "must be at most 200")),
    /** Origins besides PORTAL_URL's that may send cookie-authenticated writes (comma-separated). */
    PORTAL_TRUSTED_ORIGINS: z
      .string()
      .default("")
      .transform((value, ctx) => {
        const origins: string[] = [];
        for (const item of value
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)) {
          const origin = URL.canParse(item) ? new URL(item).origin : "null";
          if (origin === "null") ctx.addIssue({ code: "custom", message: `"${item}" is not an origin such as https://portal.example.com` });
          else origins.push(origin);
        }
        return origins;
      }),
    /** The most integrations in all, and per connector type (unset: no limit). */
    PORTAL_MAX_INTEGRATIONS: limit,
    PORTAL_MAX_INTEGRATIONS_STANDARD: limit,
    PORTAL_MAX_INTEGRATIONS_SLACK: limit,
    PORTAL_MAX_INTEGRATIONS_DISCORD: limit,
    PORTAL_MAX_INTEGRATIONS_TEAMS: limit,
    PORTAL_MAX_INTEGRATIONS_ZAPIER: limit,
    /** The portal is behind a reverse proxy: trust X-Forwarded-For (audit IP) and X-Forwarded-Host/-Proto. */
    PORTAL_TRUST_PROXY: flag.default(false),
    /** Turns GET /metrics on, for scrapers sending it as a bearer token. */
    PORTAL_METRICS_TOKEN: z.string().min(16, "must be at least 16 characters (openssl rand -hex 24)").optional(),
    /** `npm run worker` only: serve that worker's own /metrics on this port. */
    PORTAL_WORKER_METRICS_PORT: z.coerce
      .number({ error: "must be a port number" })
      .int("must be a port number")
      .min(1)
      .max(65535, "must be a port number")
      .optional(),
    /** fatal, error, warn, info (the default), debug, trace or silent. */
    PORTAL_LOG_LEVEL: logLevel.optional(),
    /** Single sign-on through an OpenID provider (lib/auth/oidc.ts); off while the issuer is unset. */
    PORTAL_OIDC_ISSUER: z.url({ error: "must be the provider's issuer URL, e.g. https://login.example.com/realms/main" }).optional(),
    PORTAL_OIDC_CLIENT_ID: z.string().min(1).optional(),
    PORTAL_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    PORTAL_OIDC_NAME: z.string().min(1).max(60).default("single sign-on"),
    PORTAL_OIDC_SCOPES: z.string().default("openid email profile"),
    /** The ID token claim whose values (a string or a list) grant the roles below. */
    PORTAL_OIDC_ROLES_CLAIM: z.string().min(1).default("groups"),
    PORTAL_OIDC_ADMIN_VALUES: list,
    PORTAL_OIDC_TRIGGER_VALUES: list,
    /** Claim values to workspace memberships: "acme-admins=acme:admin,acme-ops=acme:member+trigger" (lib/auth/oidc.ts). */
    PORTAL_OIDC_WORKSPACE_ROLES: list.superRefine((entries, ctx) => {
      const wrong = entries.filter((entry) => !WORKSPACE_ROLE_ENTRY.test(entry));
      if (wrong.length > 0)
        ctx.addIssue({
          code: "custom",
          message: `each entry is value=workspace-slug:owner|admin|member[+trigger]; not ${wrong.join(", ")}`,
        });
    }),
    /** Create a user at their first sign-in (else only users an admin created may sign in). */
    PORTAL_OIDC_CREATE_USERS: flag.default(true),
    /** Off: the sign-in page offers single sign-on only. */
    PORTAL_PASSWORD_SIGN_IN: flag.default(true),
  })
  .superRefine((e, ctx) => {
    if (e.PORTAL_OIDC_ISSUER && (!e.PORTAL_OIDC_CLIENT_ID || !e.PORTAL_OIDC_CLIENT_SECRET)) {
      for (const key of ["PORTAL_OIDC_CLIENT_ID", "PORTAL_OIDC_CLIENT_SECRET"] as const) {
        if (!e[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required with PORTAL_OIDC_ISSUER" });
      }
    }
    if (!e.PORTAL_PASSWORD_SIGN_IN && !e.PORTAL_OIDC_ISSUER) {
      ctx.addIssue({
        code: "custom",
        path: ["PORTAL_PASSWORD_SIGN_IN"],
        message: "can be 0 only with single sign-on (PORTAL_OIDC_ISSUER)",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** Parses the environment or throws one message naming every wrong variable. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
  throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** The portal's public origin (PORTAL_URL, or http://localhost:PORT). */
export function portalOrigin(): string {
  const { PORTAL_URL, PORT } = env();
  return new URL(PORTAL_URL ?? `http://localhost:${PORT}`).origin;
}
