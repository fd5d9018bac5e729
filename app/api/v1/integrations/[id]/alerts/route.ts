import { apiRoute, readJson } from "@/lib/api/route";
import { saveAlertSettings } from "@/lib/integrations/save-alert-settings";
import { alertSettingsInput } from "@/lib/integrations/schemas";

export const PUT = apiRoute<{ id: string }>("integrations.manage", async ({ ctx, request, params }) =>
  saveAlertSettings({ ctx, integrationId: params.id, input: await readJson(request, alertSettingsInput) }),
);
