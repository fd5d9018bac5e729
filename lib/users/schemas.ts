import { z } from "zod";
import { text } from "@/lib/validation";

/** A member's role in a workspace: owners and admins manage it; only an owner grants or removes the owner role. */
export const MEMBER_ROLES = ["owner", "admin", "member"] as const;
export const memberRole = z.enum(MEMBER_ROLES, { error: "Choose owner, admin or member" });

export const email = text().trim().toLowerCase().pipe(z.email("Enter a valid email address").max(254));
export const password = z.string().min(12, "Use at least 12 characters").max(200, "Use at most 200 characters");

export const signInInput = z.object({
  email,
  password: text().min(1, "Enter your password").max(200),
  /** The second step for a user with two-factor: their app's code or a recovery code. */
  code: text().trim().max(40, "Enter the code from your app or a recovery code").optional(),
});
export type SignInInput = z.infer<typeof signInInput>;

/** What a sign-in with the right password but no code answers for a user with two-factor. */
export const SECOND_FACTOR_REQUIRED = "second-factor-required";

export const createUserInput = z.object({
  email,
  name: text().trim().min(1, "Enter a name").max(100),
  /** Absent or empty: the portal generates one and shows it once. */
  password: password.optional().or(z.literal("").transform(() => undefined)),
  /** The role in the workspace: true is "admin" (absent `role`). */
  isAdmin: z.boolean().default(false),
  /** The role in the workspace; wins over isAdmin. */
  role: memberRole.optional(),
  canTriggerIntegrations: z.boolean().default(false),
});
export type CreateUserInput = z.input<typeof createUserInput>;

export const changePasswordInput = z.object({
  currentPassword: text().min(1, "Enter your current password").max(200),
  newPassword: password,
});
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

/** Setting up, turning off or renewing two-factor starts with the current password. */
export const currentPasswordInput = z.object({
  currentPassword: text().min(1, "Enter your current password").max(200),
});
export type CurrentPasswordInput = z.infer<typeof currentPasswordInput>;

export const totpCodeInput = z.object({
  code: text()
    .transform((c) => c.replace(/\s/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code your app shows")),
});
export type TotpCodeInput = z.input<typeof totpCodeInput>;

export const securitySettingsInput = z.object({ requireAdminTwoFactor: z.boolean() }).strict();
export type SecuritySettingsInput = z.infer<typeof securitySettingsInput>;

export const updateUserInput = z
  .object({
    /** The account's name: account-level (see updateUser). */
    name: text().trim().min(1, "Enter a name").max(100).optional(),
    /** The membership's role. */
    role: memberRole.optional(),
    /** true: the role "admin" (an owner stays owner); false: "member". Ignored beside `role`. */
    isAdmin: z.boolean().optional(),
    /** The membership's trigger permission. */
    canTriggerIntegrations: z.boolean().optional(),
    /** The account's state: account-level (see updateUser). */
    active: z.boolean().optional(),
  })
  .strict();
export type UpdateUserInput = z.infer<typeof updateUserInput>;

/** What the portal shows of a user: never the password hash. */
export const userView = {
  id: true,
  email: true,
  name: true,
  isAdmin: true,
  canTriggerIntegrations: true,
  active: true,
  lastSignInAt: true,
  mustChangePassword: true,
  /** Set for a user who signs in through single sign-on (the provider's issuer). */
  ssoIssuer: true,
  /** When the user's two-factor was turned on; null: off. */
  totpEnabledAt: true,
  createdAt: true,
} as const;
