"use server";
import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/api/action";
import { createUser } from "@/lib/users/create-user";
import type { CreateUserInput, SecuritySettingsInput, UpdateUserInput } from "@/lib/users/schemas";
import { resetPassword } from "@/lib/users/reset-password";
import { updateSecuritySettings } from "@/lib/users/security-settings";
import { resetTwoFactor } from "@/lib/users/two-factor";
import { updateUser } from "@/lib/users/update-user";

export const createUserAction = serverAction("users.manage", async (ctx, input: CreateUserInput) => {
  const result = await createUser({ ctx, input });
  revalidatePath("/admin/users");
  return result;
});

export const updateUserAction = serverAction("users.manage", async (ctx, input: { id: string; changes: UpdateUserInput }) => {
  const user = await updateUser({ ctx, id: input.id, input: input.changes });
  revalidatePath("/admin/users");
  return { user };
});

export const resetPasswordAction = serverAction("users.manage", async (ctx, input: { id: string }) => {
  const result = await resetPassword({ ctx, id: input.id });
  revalidatePath("/admin/users");
  return result;
});

export const resetTwoFactorAction = serverAction("users.manage", async (ctx, input: { id: string }) => {
  await resetTwoFactor({ ctx, id: input.id });
  revalidatePath("/admin/users");
});

export const updateSecuritySettingsAction = serverAction("instance.manage", async (ctx, input: SecuritySettingsInput) => {
  const settings = await updateSecuritySettings({ ctx, input });
  revalidatePath("/admin/settings");
  return settings;
});
