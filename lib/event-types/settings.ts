import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { eventTypeSettingsInput, type EventTypeSettings, type EventTypeSettingsInput, type UnknownTypePolicy } from "./schemas";
import { scopeWorkspaceId } from "@/lib/workspaces/scope";

const select = { unknownEventTypes: true, publicCatalog: true } as const;

/** A workspace's settings (the current one's unless told); no permission: ingestion and the public catalog read them. */
export async function readEventTypeSettings(workspaceId = scopeWorkspaceId()): Promise<EventTypeSettings> {
  const row = await db.workspace.findUnique({ where: { id: workspaceId }, select });
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
    const where = { id: scopeWorkspaceId() };
    const before = await tx.workspace.findUnique({ where, select });
    const after = await tx.workspace.update({ where, data, select });
    await recordAudit(tx, ctx, {
      action: "settings.updated",
      target: { type: "settings", id: "event_types", label: "Event types" },
      before: before ?? { unknownEventTypes: "accept", publicCatalog: false },
      after,
    });
    return after as EventTypeSettings;
  });
}
