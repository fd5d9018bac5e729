"use client";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { updateEventTypeSettingsAction } from "@/components/event-types/actions";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { SwitchRow } from "@/components/ui/switch";
import type { EventTypeSettings, EventTypeSettingsInput } from "@/lib/event-types/schemas";

/** The portal-wide settings of the catalog: undeclared types, and whether receivers read it without signing in. */
export function CatalogSettingsCard({ settings }: { settings: EventTypeSettings }) {
  const [current, setCurrent] = useState(settings);
  const [pending, startTransition] = useTransition();
  const change = (input: EventTypeSettingsInput, done: string) =>
    startTransition(async () => {
      const result = await updateEventTypeSettingsAction(input);
      if (!result.ok) return void toast.error(result.message);
      setCurrent(result.settings);
      toast.success(done);
    });
  return (
    <Card>
      <CardHeader>
        <CardTitle>Catalog settings</CardTitle>
        <CardDescription>For every event type; recorded in the audit log.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-2">
        <SwitchRow
          id="refuse-unknown-types"
          label="Refuse undeclared event types"
          hint="On: an event whose type is not declared here is refused (422). Off: any type is accepted and appears here when first seen."
          checked={current.unknownEventTypes === "refuse"}
          disabled={pending}
          onCheckedChange={(on) =>
            change({ unknownEventTypes: on ? "refuse" : "accept" }, on ? "Undeclared types are now refused." : "Every type is accepted.")
          }
        />
        <SwitchRow
          id="public-catalog"
          label="Public catalog"
          hint="On: the catalog's JSON (/api/v1/event-types/catalog) can be read without signing in, so receivers' developers can build against it. Nothing else becomes public."
          checked={current.publicCatalog}
          disabled={pending}
          onCheckedChange={(on) =>
            change({ publicCatalog: on }, on ? "The catalog can now be read without signing in." : "The catalog now needs a sign-in.")
          }
        />
      </CardContent>
    </Card>
  );
}
