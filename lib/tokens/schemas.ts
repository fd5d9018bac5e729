import { z } from "zod";
import { TOKEN_SCOPES } from "@/lib/auth/permissions";
import { DATE_RANGE, isStorableDate, singleLine } from "@/lib/validation";

/** The expiry choices the form offers, in days; the API takes any future time. */
export const TOKEN_EXPIRY_DAYS = [30, 90, 365] as const;
/** A token expiring within this many days is marked "expires soon". */
export const EXPIRES_SOON_DAYS = 7;

export const createTokenInput = z.object({
  name: singleLine().min(1, "Give the token a name").max(80),
  scopes: z
    .array(z.enum(TOKEN_SCOPES, { error: `Each scope is one of ${TOKEN_SCOPES.join(", ")}` }))
    .min(1, "Choose at least one scope")
    .transform((scopes) => TOKEN_SCOPES.filter((s) => scopes.includes(s))),
  /** An ISO 8601 time or a date (midnight UTC); absent or null: the token does not expire. */
  expiresAt: z
    .union([z.date(), z.union([z.iso.datetime({ offset: true }), z.iso.date()]).transform((s) => new Date(s))], {
      error: "Give a date or an ISO 8601 time",
    })
    .refine(isStorableDate, DATE_RANGE)
    .refine((d) => d.getTime() > Date.now() + 60_000, "Choose a time in the future")
    .nullish(),
});
export type CreateTokenInput = z.input<typeof createTokenInput>;
export type CreateTokenValues = z.output<typeof createTokenInput>;

export const tokenView = { id: true, name: true, prefix: true, scopes: true, expiresAt: true, lastUsedAt: true, createdAt: true } as const;

/** What an admin sees of every user's tokens: the token and whose it is. */
export const tokenWithOwnerView = { ...tokenView, user: { select: { id: true, email: true, name: true } } } as const;
