import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { generatePassword, hashPassword } from "@/lib/auth/passwords";
import { assertAcceptablePassword } from "@/lib/auth/password-policy";
import { db } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { createUserInput, userView, type CreateUserInput } from "./schemas";

/** Creates a user. Without a password one is generated and returned, to be shown once. */
export async function createUser({ ctx, input }: { ctx: Ctx; input: CreateUserInput }) {
  authorize(ctx, "users.manage");
  const data = createUserInput.parse(input);
  if (data.password) assertAcceptablePassword(data.password, { email: data.email });
  const generatedPassword = data.password ? null : generatePassword();
  const passwordHash = await hashPassword(data.password ?? generatedPassword!);

  const existing = await db.user.findUnique({ where: { email: data.email }, select: { id: true } });
  if (existing) throw conflict("A user with this email already exists.", { email: ["Already in use"] });

  const user = await db
    .$transaction(async (tx) => {
      const created = await tx.user.create({
        data: {
          email: data.email,
          name: data.name,
          passwordHash,
          isAdmin: data.isAdmin,
          canTriggerIntegrations: data.canTriggerIntegrations,
        },
        select: userView,
      });
      await recordAudit(tx, ctx, {
        action: "user.created",
        target: { type: "user", id: created.id, label: created.email },
        after: {
          email: created.email,
          name: created.name,
          isAdmin: created.isAdmin,
          canTriggerIntegrations: created.canTriggerIntegrations,
        },
      });
      return created;
    })
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === "P2002")
        throw conflict("A user with this email already exists.", { email: ["Already in use"] });
      throw error;
    });
  return { user, generatedPassword };
}
