import { describe, expect, it } from "vitest";
import { buildEventEnvelope, buildTestEnvelope } from "./standard";

const now = new Date("2026-03-01T12:00:00.000Z");
const triggeredBy = { id: "usr_1", email: "ada@example.com", name: "Ada Lovelace" };

describe("buildEventEnvelope", () => {
  it("wraps the event in a Standard Webhooks envelope", () => {
    const event = {
      id: "evt_1",
      type: "incident.opened",
      title: "Disk almost full",
      severity: "warning",
      source: "monitoring",
      occurredAt: new Date("2026-03-01T11:59:00.000Z"),
      details: { disk: "/var", percent: 93 },
    };
    expect(JSON.parse(buildEventEnvelope({ event, triggeredBy, now }))).toEqual({
      type: "incident.opened",
      timestamp: "2026-03-01T12:00:00.000Z",
      data: {
        event: { ...event, occurredAt: "2026-03-01T11:59:00.000Z" },
        triggeredBy,
      },
    });
  });
});

describe("buildTestEnvelope", () => {
  it("describes the test delivery", () => {
    const integration = { id: "int_1", name: "Pager", slug: "pager" };
    expect(JSON.parse(buildTestEnvelope({ portalName: "Acme Portal", integration, triggeredBy, now }))).toEqual({
      type: "webhook.test",
      timestamp: "2026-03-01T12:00:00.000Z",
      data: {
        portal: "Acme Portal",
        integration,
        triggeredBy,
        message: "This is a test webhook from Acme Portal.",
      },
    });
  });

  it("names the workspace it is sent from", () => {
    const integration = { id: "int_1", name: "Pager", slug: "pager" };
    const workspace = { name: "Acme Ops", slug: "acme-ops" };
    const body = JSON.parse(buildTestEnvelope({ portalName: "Acme Portal", workspace, integration, triggeredBy, now }));
    expect(body.data).toEqual({
      portal: "Acme Portal",
      workspace,
      integration,
      triggeredBy,
      message: "This is a test webhook from Acme Portal.",
    });
  });
});
