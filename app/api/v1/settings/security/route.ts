import { apiRoute, readJson } from "@/lib/api/route";
import { securitySettingsInput } from "@/lib/users/schemas";
import { securitySettings, updateSecuritySettings } from "@/lib/users/security-settings";

export const GET = apiRoute("instance.manage", async ({ ctx }) => securitySettings(ctx));

export const PUT = apiRoute("instance.manage", async ({ ctx, request }) =>
  updateSecuritySettings({ ctx, input: await readJson(request, securitySettingsInput) }),
);
