"use client";
import { History, Play, Save, Trash2 } from "lucide-react";
import dynamic from "next/dynamic";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LocalTime } from "@/components/ui/local-time";
import { NativeSelect } from "@/components/ui/native-select";
import type { TransformationTestResult } from "@/lib/transformations/test-transformation";
import { TRANSFORMATION_TEMPLATE } from "@/lib/transformations/schemas";
import type { TransformationState } from "@/lib/transformations/views";
import { removeTransformationAction, restoreTransformationAction, saveTransformationAction, testTransformationAction } from "./actions";

// CodeMirror is loaded on this page only, in the browser.
const CodeEditor = dynamic(() => import("./code-editor").then((m) => m.CodeEditor), {
  ssr: false,
  loading: () => <div className="h-72 animate-pulse rounded-md border border-input bg-muted" aria-label="Loading the editor" />,
});

/** The select's value for an event type's example: this prefix and the type. */
const EXAMPLE = "example:";

export interface EventChoice {
  id: string;
  type: string;
  title: string;
  occurredAt: string;
}

/** The editor, the test bench ("Run on an event") and the saved versions of an integration's transformation. */
export function TransformationEditor({
  integrationId,
  initial,
  events,
  examples,
}: {
  integrationId: string;
  initial: TransformationState;
  events: EventChoice[];
  /** Event types with an example in the catalog. */
  examples: string[];
}) {
  const [state, setState] = useState(initial);
  const [code, setCode] = useState(initial.current?.code ?? TRANSFORMATION_TEMPLATE);
  const [eventId, setEventId] = useState(events[0]?.id ?? "");
  const [result, setResult] = useState<TransformationTestResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [errorLine, setErrorLine] = useState<number | null>(null);
  const [running, startRun] = useTransition();
  const [saving, startSave] = useTransition();
  const changed = code !== (state.current?.code ?? TRANSFORMATION_TEMPLATE);

  const run = () =>
    startRun(async () => {
      setProblem(null);
      const on = eventId.startsWith(EXAMPLE) ? { exampleOf: eventId.slice(EXAMPLE.length) } : eventId ? { eventId } : {};
      const answer = await testTransformationAction({ integrationId, test: { code, ...on } });
      if (!answer.ok) {
        setResult(null);
        setProblem(answer.fieldErrors?.code?.[0] ?? answer.message);
        return;
      }
      setResult(answer.result);
      setErrorLine(answer.result.error?.line ?? null);
    });

  const save = () =>
    startSave(async () => {
      setProblem(null);
      const answer = await saveTransformationAction({ integrationId, code });
      if (!answer.ok) {
        setProblem(answer.fieldErrors?.code?.[0] ?? answer.message);
        const line = /line (\d+)/.exec(answer.fieldErrors?.code?.[0] ?? "");
        if (line) setErrorLine(Number(line[1]));
        return;
      }
      setState(answer.transformation);
      toast.success(`Version ${answer.transformation.current?.version} saved and in use`);
    });

  const restore = async (version: number) => {
    const answer = await restoreTransformationAction({ integrationId, version });
    if (!answer.ok) {
      toast.error(answer.message);
      return false;
    }
    setState(answer.transformation);
    setCode(answer.transformation.current?.code ?? TRANSFORMATION_TEMPLATE);
    toast.success(`Version ${version} restored as version ${answer.transformation.current?.version}`);
    return true;
  };

  const remove = async () => {
    const answer = await removeTransformationAction({ integrationId });
    if (!answer.ok) {
      toast.error(answer.message);
      return false;
    }
    setState(answer.transformation);
    toast.success("Transformation removed: messages are sent as the connector type builds them");
    return true;
  };

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[3fr_2fr]">
      <Card>
        <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
          <div className="grid gap-1">
            <CardTitle>Code</CardTitle>
            <CardDescription>
              <code className="font-mono">handler(webhook)</code> receives{" "}
              <code className="font-mono">{"{ eventType, payload, url, method, headers }"}</code> and returns it changed, or sets{" "}
              <code className="font-mono">webhook.cancel = true</code> to send nothing.
            </CardDescription>
          </div>
          {state.current ? <Badge tone="success">Version {state.current.version} in use</Badge> : <Badge tone="neutral">Not in use</Badge>}
        </CardHeader>
        <CardContent className="grid gap-4">
          <CodeEditor value={code} onChange={setCode} errorLine={errorLine} label="Transformation code" />
          <div className="grid gap-2 sm:grid-cols-[1fr_auto] sm:items-end">
            <label className="grid gap-1 text-sm font-medium">
              Run on
              <NativeSelect value={eventId} onChange={(e) => setEventId(e.target.value)} aria-label="Event to run on">
                <option value="">The integration’s test message</option>
                {events.length > 0 && (
                  <optgroup label="Past events">
                    {events.map((e) => (
                      <option key={e.id} value={e.id}>
                        {e.type} — {e.title} ({new Date(e.occurredAt).toISOString().slice(0, 16).replace("T", " ")} UTC)
                      </option>
                    ))}
                  </optgroup>
                )}
                {examples.length > 0 && (
                  <optgroup label="An event type’s example">
                    {examples.map((type) => (
                      <option key={type} value={`${EXAMPLE}${type}`}>
                        Example of {type}
                      </option>
                    ))}
                  </optgroup>
                )}
              </NativeSelect>
            </label>
            <Button variant="outline" onClick={run} pending={running}>
              <Play aria-hidden /> Run on an event
            </Button>
          </div>
          {problem && (
            <p role="alert" className="text-sm font-medium text-destructive">
              {problem}
            </p>
          )}
          <div className="flex flex-wrap gap-2">
            <Button onClick={save} pending={saving} disabled={!changed && state.current !== null}>
              <Save aria-hidden /> Save and use
            </Button>
            {state.current && (
              <ConfirmDialog
                trigger={
                  <Button variant="outline">
                    <Trash2 aria-hidden /> Remove
                  </Button>
                }
                title="Remove the transformation?"
                description="Messages from now on are sent as the connector type builds them. The saved versions stay and can be restored."
                confirmLabel="Remove"
                destructive
                onConfirm={remove}
              />
            )}
          </div>
        </CardContent>
      </Card>
      <div className="grid gap-6">
        <TestResultCard result={result} />
        <VersionsCard state={state} onRestore={restore} />
      </div>
    </div>
  );
}

function TestResultCard({ result }: { result: TransformationTestResult | null }) {
  return (
    <Card aria-live="polite">
      <CardHeader>
        <CardTitle>What would be sent</CardTitle>
        <CardDescription>The exact request, signed now with the webhook’s secrets. Nothing is sent or recorded.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {!result && <p className="text-muted-foreground">Run the code on an event to see the request it produces.</p>}
        {result?.outcome === "cancelled" && (
          <p data-testid="test-outcome">
            <Badge tone="neutral">Cancelled</Badge> The function set <code className="font-mono">cancel = true</code>: nothing would be
            sent, and the delivery would be recorded as skipped.
          </p>
        )}
        {result?.outcome === "failed" && result.error && (
          <div role="alert" data-testid="test-outcome" className="grid gap-1">
            <p className="font-medium text-destructive">
              {result.error.line !== null
                ? `Line ${result.error.line}${result.error.column !== null ? `, column ${result.error.column}` : ""}: `
                : ""}
              {result.error.message}
            </p>
            <p className="text-muted-foreground">Recorded as a transform_error attempt; nothing would be sent.</p>
          </div>
        )}
        {result?.outcome === "transformed" && result.request && (
          <div data-testid="test-outcome" className="grid gap-3">
            <p className="break-all font-mono">
              <span className="font-semibold">{result.request.method}</span> {result.request.url}
            </p>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 font-mono text-xs">
              {result.request.headers.map((h) => (
                <div key={h.name} className="contents">
                  <dt className="text-muted-foreground">{h.name}</dt>
                  <dd className="break-all">{h.value}</dd>
                </div>
              ))}
            </dl>
            <pre className="max-h-96 overflow-auto rounded-md bg-muted p-3 font-mono text-xs" aria-label="Body">
              {prettyBody(result.request.body) || "(empty body)"}
            </pre>
          </div>
        )}
      </CardContent>
    </Card>
  );
}

function VersionsCard({ state, onRestore }: { state: TransformationState; onRestore: (version: number) => Promise<boolean> }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Versions</CardTitle>
        <CardDescription>Every saved version, newest first. Restoring saves the older code as a new version.</CardDescription>
      </CardHeader>
      <CardContent>
        {state.versions.length === 0 ? (
          <p className="text-sm text-muted-foreground">Nothing saved yet.</p>
        ) : (
          <ul className="grid gap-2 text-sm">
            {state.versions.map((v) => (
              <li key={v.id} className="flex flex-wrap items-center justify-between gap-2 border-b pb-2 last:border-0">
                <span>
                  <span className="font-medium">Version {v.version}</span>
                  {state.current?.id === v.id && (
                    <Badge tone="success" className="ml-2">
                      In use
                    </Badge>
                  )}
                  <span className="block text-xs text-muted-foreground">
                    <LocalTime value={v.createdAt} relative /> {v.createdByEmail ? `by ${v.createdByEmail}` : ""}
                  </span>
                </span>
                {state.current?.id !== v.id && (
                  <ConfirmDialog
                    trigger={
                      <Button variant="outline" size="sm">
                        <History aria-hidden /> Restore
                      </Button>
                    }
                    title={`Restore version ${v.version}?`}
                    description={<pre className="max-h-64 overflow-auto rounded bg-muted p-2 font-mono text-xs">{v.code}</pre>}
                    confirmLabel="Restore and use"
                    onConfirm={() => onRestore(v.version)}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
