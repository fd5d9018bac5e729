import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { eventTypeSettingsInput, type EventTypeSettings, type EventTypeSettingsInput, type UnknownTypePolicy } from "./schemas";
import { SETTINGS_ID } from "./scope";

const select = { unknownEventTypes: true, publicCatalog: true } as const;

/** The settings as stored, with their defaults; no permission: ingestion and the public catalog read them. */
export async function readEventTypeSettings(): Promise<EventTypeSettings> {
  const row = await db.portalSettings.findUnique({ where: { id: SETTINGS_ID }, select });
  return { unknownEventTypes: (row?.unknownEventTypes as UnknownTypePolicy) ?? "accept", publicCatalog: row?.publicCatalog ?? false };
}

export async function getEventTypeSettings({ ctx }: { ctx: Ctx }): Promise<EventTypeSettings> {
  authorize(ctx, "portal.read");
  return readEventTypeSettings();
}

/** Whether events of undeclared types are accepted, and whether the catalog is public. Audited. */
export async function updateEventTypeSettings({ ctx, input }: { ctx: Ctx; input: EventTypeSettingsInput }): Promise<EventTypeSettings> {
  authorize(ctx, "integrations.manage");
  const data = eventTypeSettingsInput.parse(input);
  return db.$transaction(async (tx) => {
    const before = await tx.portalSettings.findUnique({ where: { id: SETTINGS_ID }, select });
    const after = await tx.portalSettings.upsert({
      where: { id: SETTINGS_ID },
      create: { id: SETTINGS_ID, ...data },
      update: data,
      select,
    });
    await recordAudit(tx, ctx, {
      action: "settings.updated",
      target: { type: "settings", id: "event_types", label: "Event types" },
      before: before ?? { unknownEventTypes: "accept", publicCatalog: false },
      after,
    });
    return after as EventTypeSettings;
  });
}
