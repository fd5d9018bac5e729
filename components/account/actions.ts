"use server";
import { serverAction } from "@/lib/api/action";
import { changePassword } from "@/lib/users/change-password";
import type { ChangePasswordInput } from "@/lib/users/schemas";

export const changePasswordAction = serverAction("account.manage", async (ctx, input: ChangePasswordInput) => {
  await changePassword({ ctx, input });
});
