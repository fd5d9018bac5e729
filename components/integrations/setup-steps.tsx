import { ExternalLink } from "lucide-react";
import type { ConnectorTypeInfo } from "@/lib/webhooks/connector-types";

/** Where to create the incoming webhook on the platform, as the connector type declares it. */
export function SetupSteps({ info }: { info: Pick<ConnectorTypeInfo, "label" | "setupSteps" | "documentationUrl"> }) {
  return (
    <section aria-labelledby="setup-steps-title" className="grid gap-2 rounded-md border bg-muted/40 p-3 text-sm" data-testid="setup-steps">
      <h3 id="setup-steps-title" className="font-medium">
        Set up {info.label}
      </h3>
      <ol className="grid list-decimal gap-1 pl-5 text-muted-foreground">
        {info.setupSteps.map((step) => (
          <li key={step} className="break-words">
            {step}
          </li>
        ))}
      </ol>
      <a
        href={info.documentationUrl}
        target="_blank"
        rel="noreferrer"
        className="inline-flex items-center gap-1 text-primary underline-offset-4 hover:underline"
      >
        {info.label} documentation <ExternalLink className="size-3.5" aria-hidden />
      </a>
    </section>
  );
}
