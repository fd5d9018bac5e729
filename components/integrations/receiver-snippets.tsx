import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";

/** The headers every message carries (Standard Webhooks), in the order receivers read them. */
const HEADERS = ["webhook-id", "webhook-timestamp", "webhook-signature"] as const;

/**
 * Verification code for the receiving side, per language, with this portal's header names. The
 * secret comes from the receiver's environment (WEBHOOK_SECRET, the whsec_… value revealed on
 * this page), never from the page.
 */
export function receiverSnippets({ bearerToken }: { bearerToken: boolean }) {
  const node = [
    `// npm install standardwebhooks`,
    `import { Webhook } from "standardwebhooks";`,
    ``,
    `const webhook = new Webhook(process.env.WEBHOOK_SECRET); // whsec_…`,
    ``,
    `// Express: app.post("/hook", express.text({ type: "*/*" }), handler) keeps the raw body.`,
    `function handler(req, res) {`,
    ...(bearerToken ? [`  if (req.get("authorization") !== \`Bearer \${process.env.WEBHOOK_TOKEN}\`) return res.sendStatus(401);`] : []),
    `  let payload;`,
    `  try {`,
    `    // The exact bytes received (empty in default mode): never re-serialized JSON.`,
    `    payload = webhook.verify(typeof req.body === "string" ? req.body : "", {`,
    ...HEADERS.map((h) => `      "${h}": req.get("${h}"),`),
    `    });`,
    `  } catch {`,
    `    return res.sendStatus(400); // bad signature or a timestamp older than 5 minutes`,
    `  }`,
    `  res.sendStatus(204);`,
    `}`,
  ].join("\n");

  const python = [
    `# pip install standardwebhooks`,
    `import json`,
    `import os`,
    `from flask import Flask, abort, request`,
    `from standardwebhooks.webhooks import Webhook`,
    ``,
    `app = Flask(__name__)`,
    `webhook = Webhook(os.environ["WEBHOOK_SECRET"])  # whsec_…`,
    ``,
    `@app.post("/hook")`,
    `def hook():`,
    ...(bearerToken
      ? [`    if request.headers.get("authorization") != f"Bearer {os.environ['WEBHOOK_TOKEN']}":`, `        abort(401)`]
      : []),
    `    headers = {`,
    ...HEADERS.map((h) => `        "${h}": request.headers.get("${h}", ""),`),
    `    }`,
    `    body = request.get_data()  # the exact bytes received (empty in default mode)`,
    `    try:`,
    `        webhook.verify(body, headers)`,
    `    except json.JSONDecodeError:`,
    `        pass  # the signature matched; the body is empty (default mode)`,
    `    except Exception:`,
    `        abort(400)  # bad signature or a timestamp older than 5 minutes`,
    `    payload = json.loads(body) if body else None`,
    `    return "", 204`,
  ].join("\n");

  const go = [
    `// go get github.com/standard-webhooks/standard-webhooks/libraries/go`,
    `import (`,
    `\t"io"`,
    `\t"net/http"`,
    `\t"os"`,
    ``,
    `\tstandardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"`,
    `)`,
    ``,
    `func hook(w http.ResponseWriter, r *http.Request) {`,
    `\twh, err := standardwebhooks.NewWebhook(os.Getenv("WEBHOOK_SECRET")) // whsec_…`,
    `\tif err != nil {`,
    `\t\thttp.Error(w, "bad secret", http.StatusInternalServerError)`,
    `\t\treturn`,
    `\t}`,
    ...(bearerToken
      ? [
          `\tif r.Header.Get("Authorization") != "Bearer "+os.Getenv("WEBHOOK_TOKEN") {`,
          `\t\tw.WriteHeader(http.StatusUnauthorized)`,
          `\t\treturn`,
          `\t}`,
        ]
      : []),
    `\tbody, err := io.ReadAll(r.Body) // the exact bytes received (empty in default mode)`,
    `\tif err != nil {`,
    `\t\tw.WriteHeader(http.StatusBadRequest)`,
    `\t\treturn`,
    `\t}`,
    `\t// Reads ${HEADERS.join(", ")} from r.Header.`,
    `\tif err := wh.Verify(body, r.Header); err != nil {`,
    `\t\tw.WriteHeader(http.StatusBadRequest) // bad signature or a timestamp older than 5 minutes`,
    `\t\treturn`,
    `\t}`,
    `\tw.WriteHeader(http.StatusNoContent)`,
    `}`,
  ].join("\n");

  return [
    { id: "node", label: "Node.js", code: node },
    { id: "python", label: "Python", code: python },
    { id: "go", label: "Go", code: go },
  ];
}

/** The webhook page's card of receiver code, one tab per language, each copyable. */
export function ReceiverSnippetsCard({ bearerToken }: { bearerToken: boolean }) {
  const snippets = receiverSnippets({ bearerToken });
  return (
    <Card aria-labelledby="receiver-snippets-title">
      <CardHeader>
        <CardTitle id="receiver-snippets-title">Verify on the receiving side</CardTitle>
        <CardDescription>
          Check each request&apos;s signature before trusting it: set <code className="font-mono">WEBHOOK_SECRET</code> to the signing
          secret
          {bearerToken && (
            <>
              {" "}
              and <code className="font-mono">WEBHOOK_TOKEN</code> to the bearer token
            </>
          )}{" "}
          at the receiver. During a rotation the request carries two signatures; either secret verifies it.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Tabs defaultValue="node">
          <TabsList aria-label="Language">
            {snippets.map((s) => (
              <TabsTrigger key={s.id} value={s.id}>
                {s.label}
              </TabsTrigger>
            ))}
          </TabsList>
          {snippets.map((s) => (
            <TabsContent key={s.id} value={s.id} className="grid grid-cols-[minmax(0,1fr)] gap-2">
              <div className="flex justify-end">
                <CopyButton value={s.code} label={`Copy the ${s.label} code`} />
              </div>
              <pre
                aria-label={`${s.label} verification code`}
                tabIndex={0}
                className="max-h-96 overflow-auto rounded-md border bg-muted/40 p-3 font-mono text-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
              >
                {s.code}
              </pre>
            </TabsContent>
          ))}
        </Tabs>
      </CardContent>
    </Card>
  );
}
