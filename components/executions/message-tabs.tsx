"use client";
import { CopyButton } from "@/components/ui/copy-button";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { curlNeedsToken } from "@/lib/executions/curl";
import type { AttemptView } from "@/lib/executions/views";
import { BodyView } from "./body-view";
import { HeadersList } from "./headers-list";

const heading = "mb-2 text-sm font-semibold";
const KIB = 1024;

/** What was sent and what came back, one tab each. */
export function MessageTabs({
  attempt,
  curl,
}: {
  attempt: Pick<AttemptView, "request" | "response" | "errorClass" | "errorMessage">;
  /** Null when nothing was sent: there is no request to repeat. */
  curl: string | null;
}) {
  const { request, response } = attempt;
  return (
    <Tabs defaultValue="request">
      <TabsList aria-label="Request and response">
        <TabsTrigger value="request">Request</TabsTrigger>
        <TabsTrigger value="response">Response{response?.status ? ` ${response.status}` : ""}</TabsTrigger>
      </TabsList>
      <TabsContent value="request" className="grid grid-cols-[minmax(0,1fr)] gap-4">
        <p className="break-all font-mono text-sm">
          <span className="font-semibold">{request.method}</span> {request.url}
        </p>
        <section>
          <h3 className={heading}>Headers</h3>
          <HeadersList headers={request.headers} label="Request headers" />
        </section>
        <section>
          <h3 className={heading}>Body</h3>
          <BodyView body={request.body} label="Request body" />
        </section>
        <section>
          <div className="mb-2 flex items-center justify-between gap-2">
            <h3 className="text-sm font-semibold">cURL</h3>
            {curl && <CopyButton value={curl} label="Copy as cURL" text="Copy as cURL" />}
          </div>
          {curl ? (
            <>
              <p className="mb-2 text-xs text-muted-foreground">
                {curlNeedsToken(request) && "Set WEBHOOK_TOKEN to the integration\u2019s bearer token first. "}
                The signature is the original one: a receiver that checks its age will refuse it later.
              </p>
              <pre
                data-testid="curl-command"
                aria-label="cURL command"
                tabIndex={0}
                className="overflow-auto whitespace-pre rounded-md border bg-muted/40 p-3 font-mono text-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
              >
                {curl}
              </pre>
            </>
          ) : (
            <p data-testid="curl-none" className="text-sm text-muted-foreground">
              Nothing was sent, so there is no request to repeat.
            </p>
          )}
        </section>
      </TabsContent>
      <TabsContent value="response" className="grid grid-cols-[minmax(0,1fr)] gap-4">
        {response ? (
          <>
            <p className="font-mono text-sm">
              HTTP <span className="font-semibold">{response.status ?? "–"}</span>
            </p>
            <section>
              <h3 className={heading}>Headers</h3>
              <HeadersList headers={response.headers} label="Response headers" />
            </section>
            <section>
              <h3 className={heading}>Body</h3>
              {response.truncated && (
                <p
                  data-testid="truncated-marker"
                  className="mb-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
                >
                  Truncated: the receiver sent {formatBytes(response.bodyBytes)};{" "}
                  {response.binary
                    ? "only its start was kept"
                    : `the first ${formatBytes(new TextEncoder().encode(response.body ?? "").length)} were kept`}
                  .
                </p>
              )}
              {response.binary && (
                <p data-testid="binary-marker" className="mb-2 rounded-md border bg-muted/40 px-3 py-2 text-sm text-muted-foreground">
                  Not plain text: bytes that are not UTF-8 text are shown as <code>\xNN</code>, backslashes as <code>\\</code>.
                </p>
              )}
              <BodyView body={response.body ?? ""} label="Response body" />
            </section>
          </>
        ) : (
          <p className="text-sm text-muted-foreground">
            No response was received{attempt.errorClass ? ` (${attempt.errorClass}: ${attempt.errorMessage})` : ""}.
          </p>
        )}
      </TabsContent>
    </Tabs>
  );
}

function formatBytes(bytes: number | null): string {
  if (bytes === null) return "an unknown number of bytes";
  return bytes < KIB ? `${bytes} bytes` : bytes < KIB * KIB ? `${(bytes / KIB).toFixed(1)} KiB` : `${(bytes / KIB / KIB).toFixed(1)} MiB`;
}
