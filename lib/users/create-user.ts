import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { generatePassword, hashPassword } from "@/lib/auth/passwords";
import { assertAcceptablePassword } from "@/lib/auth/password-policy";
import { db } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { assertMayChangeOwner, memberSelect, toMember } from "@/lib/members/rules";
import { createUserInput, type CreateUserInput } from "./schemas";

/**
 * Creates an account and makes it a member of the workspace acted in, with `role` (or "admin" for
 * isAdmin, else "member") and the trigger permission. Only an owner makes an owner. An email that
 * has an account already is refused (409): an existing account joins a workspace through an
 * invitation. Without a password one is generated and returned, to be shown once. Audited.
 */
export async function createUser({ ctx, input }: { ctx: Ctx; input: CreateUserInput }) {
  authorize(ctx, "users.manage");
  const data = createUserInput.parse(input);
  const workspaceId = ctx.workspace!.id;
  const role = data.role ?? (data.isAdmin ? "admin" : "member");
  assertMayChangeOwner(ctx, "member", role);
  if (data.password) assertAcceptablePassword(data.password, { email: data.email });
  const existing = await db.user.findUnique({
    where: { email: data.email },
    select: { memberships: { where: { workspaceId }, select: { role: true } } },
  });
  if (existing) throw taken(existing.memberships.length > 0);
  const generatedPassword = data.password ? null : generatePassword();
  const passwordHash = await hashPassword(data.password ?? generatedPassword!);
  const member = await db
    .$transaction(async (tx) => {
      const created = await tx.user.create({
        data: {
          email: data.email,
          name: data.name,
          passwordHash,
          memberships: { create: { workspaceId, role, canTriggerIntegrations: data.canTriggerIntegrations } },
        },
        select: { id: true },
      });
      const row = await tx.membership.findUniqueOrThrow({
        where: { workspaceId_userId: { workspaceId, userId: created.id } },
        select: memberSelect,
      });
      await recordAudit(tx, ctx, {
        action: "user.created",
        target: { type: "user", id: created.id, label: row.user.email },
        after: { email: row.user.email, name: row.user.name, role, canTriggerIntegrations: data.canTriggerIntegrations },
      });
      return toMember(row);
    })
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === "P2002") throw taken(false);
      throw error;
    });
  return { user: member, generatedPassword };
}

const taken = (member: boolean) =>
  member
    ? conflict("This person is already a member of the workspace.", { email: ["Already a member"] })
    : conflict("An account with this email exists already: invite it to the workspace instead (Members → Invite).", {
        email: ["Has an account: invite it"],
      });
