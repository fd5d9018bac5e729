"use client";
import { CopyButton } from "@/components/ui/copy-button";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { CATALOG_FORMATS } from "@/lib/event-types/schemas";

const LABEL: Record<(typeof CATALOG_FORMATS)[number], string> = {
  standard: "Standard envelope",
  slack: "Slack",
  discord: "Discord",
  teams: "Teams",
  zapier: "Zapier (flat)",
};

/** The example event as each connector format sends it: the body a receiver of that kind gets. */
export function ExampleTabs({ examples }: { examples: Record<string, unknown> }) {
  return (
    <Tabs defaultValue="standard" className="grid min-w-0 gap-3">
      <TabsList className="flex h-auto flex-wrap justify-start">
        {CATALOG_FORMATS.map((f) => (
          <TabsTrigger key={f} value={f}>
            {LABEL[f]}
          </TabsTrigger>
        ))}
      </TabsList>
      {CATALOG_FORMATS.map((f) => {
        const text = JSON.stringify(examples[f], null, 2);
        return (
          <TabsContent key={f} value={f} className="grid min-w-0 gap-2">
            <div className="flex justify-end">
              <CopyButton value={text} label={`Copy the ${LABEL[f]} example`} />
            </div>
            <pre className="max-h-96 overflow-auto rounded-md bg-muted p-3 font-mono text-xs" data-testid={`example-${f}`}>
              {text}
            </pre>
          </TabsContent>
        );
      })}
    </Tabs>
  );
}
