"use server";
import { serverAction } from "@/lib/api/action";
import { changePassword } from "@/lib/users/change-password";
import type { ChangePasswordInput, CurrentPasswordInput, TotpCodeInput } from "@/lib/users/schemas";
import { confirmTwoFactorSetup, renewRecoveryCodes, startTwoFactorSetup, turnOffTwoFactor } from "@/lib/users/two-factor";

export const changePasswordAction = serverAction("account.manage", async (ctx, input: ChangePasswordInput) => {
  await changePassword({ ctx, input });
});

export const startTwoFactorSetupAction = serverAction("account.manage", async (ctx, input: CurrentPasswordInput) =>
  startTwoFactorSetup({ ctx, input }),
);

// No revalidation here: the page must not re-render (and, held to setting up, redirect) before
// the recovery codes have been read; the card refreshes it when they have.
export const confirmTwoFactorSetupAction = serverAction("account.manage", async (ctx, input: TotpCodeInput) =>
  confirmTwoFactorSetup({ ctx, input }),
);

export const renewRecoveryCodesAction = serverAction("account.manage", async (ctx, input: CurrentPasswordInput) =>
  renewRecoveryCodes({ ctx, input }),
);

export const turnOffTwoFactorAction = serverAction("account.manage", async (ctx, input: CurrentPasswordInput) => {
  await turnOffTwoFactor({ ctx, input });
});
