import { z } from "zod";
import type { ApiOperation } from "@/lib/api/operations";
import { TRANSFORM_LIMITS } from "@/lib/webhooks/transform/limits";
import { restoreTransformationInput, saveTransformationInput, testTransformationInput } from "./schemas";

const baseErrors = { 401: "Not signed in and no valid API token", 403: "Only admins manage transformations" };

const versionView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  code: z.string(),
  createdAt: z.iso.datetime(),
  createdByEmail: z.string().nullable(),
});
const stateView = z.object({
  integrationId: z.uuid(),
  subscriptionId: z.uuid().nullable().describe("Set for a subscription's own transformation"),
  current: versionView.nullable().describe("The version in use; null when the integration has none"),
  versions: z.array(versionView).describe("Saved versions, newest first (at most 50)"),
});
const failureView = z.object({
  kind: z.enum(["syntax", "exception", "timeout", "memory", "output"]),
  message: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  summary: z.string().describe("As recorded on a transform_error attempt"),
});
const testResultView = z.object({
  outcome: z.enum(["transformed", "cancelled", "failed"]),
  originalBody: z.string().describe("The body the connector type built, before the transformation"),
  request: z
    .object({
      method: z.enum(["POST", "PUT"]),
      url: z.string(),
      headers: z.array(z.object({ name: z.string(), value: z.string() })),
      body: z.string(),
    })
    .nullable()
    .describe("The exact request, signed now (bearer token and custom header values masked); null when nothing would be sent"),
  error: failureView.nullable(),
  eventType: z.string().nullable(),
});

const LIMITS = `${TRANSFORM_LIMITS.cpuMs} ms of CPU, ${TRANSFORM_LIMITS.memoryBytes / 1024 / 1024} MB of memory, a body of at most ${TRANSFORM_LIMITS.bodyBytes / 1024} KiB`;

/** The same five operations on an integration's transformation and on a subscription's own (which wins over the integration's). */
function operationsFor(owner: "integration" | "subscription"): ApiOperation[] {
  const PATH = owner === "integration" ? "/api/v1/integrations/{id}/transformation" : "/api/v1/subscriptions/{id}/transformation";
  const tag = owner === "integration" ? "Webhooks" : "Subscriptions";
  const whose = owner === "integration" ? "" : " of a subscription";
  const errors = { ...baseErrors, 404: owner === "integration" ? "No such integration" : "No such subscription" };
  const scopeNote =
    owner === "integration"
      ? ""
      : " A subscription's own transformation wins over its integration's for the deliveries it causes; without one, the integration's applies.";
  return [
    {
      method: "get",
      path: PATH,
      tag,
      permission: "integrations.manage",
      summary: `Get the transformation${whose}`,
      description: `The JavaScript that reshapes what is sent, the version in use and the saved ones.${scopeNote}`,
      response: stateView,
      responses: { 200: "The transformation", ...errors },
    },
    {
      method: "put",
      path: PATH,
      tag,
      permission: "integrations.manage",
      summary: `Save the transformation${whose}`,
      description: `Saves \`code\` (defining \`function handler(webhook)\`) as a new version and puts it in use for every message from now on: automatic deliveries, triggers and test sends. The function receives \`{ eventType, payload, url, method, headers }\` and returns it changed, or sets \`cancel = true\`. It runs in a QuickJS sandbox (${LIMITS}); protected headers cannot be set and a changed URL must pass the address policy. Code that does not compile is refused (422, fieldErrors.code with its line). Audited with the diff.${scopeNote}`,
      request: saveTransformationInput,
      response: stateView,
      responses: { 200: "Saved and in use", ...errors, 422: "The code is empty, too long, or does not compile" },
    },
    {
      method: "delete",
      path: PATH,
      tag,
      permission: "integrations.manage",
      summary: `Remove the transformation${whose}`,
      description: "Messages from now on are sent as the connector type builds them. The saved versions stay and can be restored.",
      response: stateView,
      responses: { 200: "Removed (or there was none)", ...errors },
    },
    {
      method: "post",
      path: `${PATH}/restore`,
      tag,
      permission: "integrations.manage",
      summary: `Restore a transformation version${whose}`,
      description: "Puts an earlier version's code back in use, saved as a new version. Audited with the diff.",
      request: restoreTransformationInput,
      response: stateView,
      responses: { 200: "Restored and in use", ...errors, 404: "No such owner or version" },
    },
    {
      method: "post",
      path: `${PATH}/test`,
      tag,
      permission: "integrations.manage",
      summary: `Test a transformation${whose}`,
      description:
        "Runs `code` (or, without it, the saved transformation) on a past event (`eventId`), on an event type's example (`exampleOf`: the details of its latest event), or on the integration's test message, and answers the exact request it would produce: method, URL, headers with the signature, body. Or the error, with its line and column; or that it cancels. Nothing is sent or recorded.",
      request: testTransformationInput,
      response: testResultView,
      responses: {
        200: "What would be sent",
        ...errors,
        404: "No such integration, subscription, webhook configuration or event",
        409: "The integration has no webhook configured (webhook_not_configured)",
        422: "No code given and none saved, or a field is not valid",
      },
    },
  ];
}

export const transformationOperations: ApiOperation[] = [...operationsFor("integration"), ...operationsFor("subscription")];
