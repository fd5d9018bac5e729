import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { CONNECTOR_TYPES } from "../connector-types";
import { DISCORD_LIMITS } from "./discord";
import { buildMessage, type MessageEvent, type MessageInput } from "./index";
import { SLACK_LIMITS } from "./slack";
import { flatten } from "./zapier";

const now = new Date("2026-03-01T12:00:00.000Z");
const portal = { name: "Acme Portal", url: "https://portal.example.com" };
const integration = { id: "0190c2a4-0000-7000-8000-000000000001", name: "Ops", slug: "ops" };
const ada = { id: "0190c2a4-0000-7000-8000-000000000002", email: "ada@example.com", name: "Ada" };

const event = (overrides: Partial<MessageEvent> = {}): MessageEvent => ({
  id: "0190c2a4-0000-7000-8000-0000000000e1",
  type: "order.created",
  title: "Order 42 placed",
  severity: "high",
  source: "shop",
  occurredAt: new Date("2026-03-01T11:59:00.000Z"),
  details: { order: { id: 42, total: "12.50" }, lines: [{ sku: "A", qty: 1 }], tags: ["new", "web"] },
  ...overrides,
});

const eventInput = (e: MessageEvent = event(), triggeredBy: MessageInput["triggeredBy"] = ada): MessageInput => ({
  kind: "event",
  event: e,
  portal,
  integration,
  triggeredBy,
  now,
});

const HUGE = event({
  title: "T".repeat(10_000),
  details: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`field${i}`, "x".repeat(3_000)])), // ≈ 300 KiB
  source: "s".repeat(5_000),
});
const UNICODE = event({ title: "Überweisung fällig 💸 — 注文 👩‍👩‍👧 𝔘𝔫𝔦𝔠𝔬𝔡𝔢".repeat(200), details: { name: "Zoë 😀".repeat(3000) } });
const HOSTILE = event({
  title: "@everyone <!channel> <!here> <@U123> <https://evil.example|click me> [click](https://evil.example) **bold** ```",
  source: "@here",
  details: { note: "<!channel> ``` @everyone", link: "<https://evil.example|x>" },
});

const slackBody = (input: MessageInput) => JSON.parse(buildMessage("slack", input).body);
const discordBody = (input: MessageInput) => JSON.parse(buildMessage("discord", input).body);
const teamsBody = (input: MessageInput) => JSON.parse(buildMessage("teams", input).body);

/** Every text value in a JSON value. */
const texts = (value: unknown): string[] =>
  typeof value === "string"
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(texts)
      : value && typeof value === "object"
        ? Object.values(value).flatMap(texts)
        : [];

describe("every connector type", () => {
  for (const type of CONNECTOR_TYPES) {
    for (const [name, e] of [
      ["small", event()],
      ["huge", HUGE],
      ["unicode", UNICODE],
      ["hostile", HOSTILE],
    ] as const) {
      it(`${type}: builds valid JSON for a ${name} event, and for default and test sends`, () => {
        for (const input of [
          eventInput(e),
          eventInput(e, null),
          { ...eventInput(e), kind: "default" as const },
          { ...eventInput(e), kind: "test" as const },
        ]) {
          const { body, contentType } = buildMessage(type, input);
          if (type === "standard" && input.kind === "default") {
            expect(body).toBe("");
            continue;
          }
          expect(contentType).toBe("application/json");
          expect(() => JSON.parse(body)).not.toThrow();
          // No lone surrogate from a cut: the body is well-formed UTF-16.
          expect(body.isWellFormed()).toBe(true);
        }
      });
    }
  }
});

describe("Slack", () => {
  it("sends Block Kit with a text fallback, the facts as fields and a button to the event", () => {
    const m = slackBody(eventInput());
    expect(m.text).toBe("[high] Order 42 placed");
    expect(m.blocks.map((b: { type: string }) => b.type)).toEqual(["header", "section", "section", "section", "context", "actions"]);
    expect(m.blocks[0].text).toEqual({ type: "plain_text", text: "Order 42 placed", emoji: false });
    expect(m.blocks[2].fields.map((f: { text: string }) => f.text)).toEqual([
      "*Type*\norder.created",
      "*Severity*\nhigh",
      "*Source*\nshop",
      "*Occurred at*\n2026-03-01 11:59:00 UTC",
    ]);
    expect(m.blocks[5].elements[0]).toMatchObject({
      type: "button",
      url: "https://portal.example.com/events/0190c2a4-0000-7000-8000-0000000000e1",
    });
    expect(m.blocks[4].elements[0].text).toBe("Acme Portal · Ops · triggered by Ada");
  });

  it("keeps every Slack limit for a huge event", () => {
    const m = slackBody(eventInput(HUGE));
    expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    expect(m.blocks[0].text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    expect(m.blocks[0].text.text.endsWith("…")).toBe(true);
    for (const block of m.blocks.filter((b: { type: string }) => b.type === "section")) {
      if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      for (const f of block.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
      expect((block.fields ?? []).length).toBeLessThanOrEqual(SLACK_LIMITS.fields);
    }
    expect(m.text.length).toBeLessThanOrEqual(SLACK_LIMITS.text);
  });

  it("neutralises mentions and link syntax", () => {
    const all = texts(slackBody(eventInput(HOSTILE)).blocks).join("\n") + slackBody(eventInput(HOSTILE)).text;
    for (const bad of ["<!channel>", "<!here>", "<@U123>", "<https://evil.example|click me>", "@everyone", "@here"])
      expect(all).not.toContain(bad);
    expect(all).toContain("&lt;!channel&gt;");
  });

  it("says who tests, in default and test mode", () => {
    expect(slackBody({ ...eventInput(), kind: "test" }).text).toBe("Test from Acme Portal: Ops");
    expect(slackBody({ ...eventInput(), kind: "default" }).text).toBe("Ops triggered from Acme Portal");
  });
});

describe("test sends name their workspace", () => {
  const test = (): MessageInput => ({ ...eventInput(), kind: "test", workspace: { name: "Acme Ops", slug: "acme-ops" } });

  it("in every format", () => {
    const standard = JSON.parse(buildMessage("standard", test()).body);
    expect(standard.data.workspace).toEqual({ name: "Acme Ops", slug: "acme-ops" });
    const zapier = JSON.parse(buildMessage("zapier", test()).body);
    expect([zapier.data__workspace__name, zapier.data__workspace__slug]).toEqual(["Acme Ops", "acme-ops"]);
    for (const type of ["slack", "discord", "teams"] as const) expect(buildMessage(type, test()).body).toContain("Acme Ops");
  });

  it("and a message without one says nothing of workspaces", () => {
    const { workspace: _, ...without } = test() as MessageInput & { workspace: unknown };
    for (const type of CONNECTOR_TYPES) expect(buildMessage(type, without as MessageInput).body).not.toMatch(/workspace/i);
  });
});

describe("Discord", () => {
  const embedChars = (e: { title?: string; description?: string; fields?: { name: string; value: string }[]; footer?: { text: string } }) =>
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

  it("sends one embed with a colour by severity, fields, timestamp and footer; mentions never ping", () => {
    const m = discordBody(eventInput());
    expect(m.allowed_mentions).toEqual({ parse: [] });
    expect(m.embeds).toHaveLength(1);
    expect(m.embeds[0]).toMatchObject({
      title: "Order 42 placed",
      color: 0xea580c,
      timestamp: "2026-03-01T11:59:00.000Z",
      url: "https://portal.example.com/events/0190c2a4-0000-7000-8000-0000000000e1",
    });
    expect(m.embeds[0].fields.map((f: { name: string }) => f.name)).toEqual(["Type", "Severity", "Source", "Occurred at"]);
    expect(m.embeds[0].description).toContain('"total": "12.50"');
  });

  it("keeps every embed limit, 6,000 characters in total included", () => {
    for (const e of [HUGE, UNICODE]) {
      const embed = discordBody(eventInput(e)).embeds[0];
      expect(embed.title.length).toBeLessThanOrEqual(DISCORD_LIMITS.title);
      expect(embed.description.length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
      expect(embed.fields.length).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
      for (const f of embed.fields) expect(f.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
      expect(embedChars(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.total);
    }
  });

  it("escapes markdown and breaks mentions in event texts", () => {
    const embed = discordBody(eventInput(HOSTILE)).embeds[0];
    expect(embed.title).not.toContain("@everyone");
    expect(embed.title).not.toContain("[click](https");
    expect(embed.title).toContain("\\[click\\]");
  });
});

describe("Microsoft Teams", () => {
  // The Adaptive Cards SDK's own parser, as Teams renders cards with it.
  const AdaptiveCards = createRequire(import.meta.url)("adaptivecards/dist/adaptivecards.js");
  const problems = (card: unknown): string[] => {
    const parsed = new AdaptiveCards.AdaptiveCard();
    const context = new AdaptiveCards.SerializationContext();
    parsed.parse(card, context);
    const events = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message as string);
    return [...events, ...parsed.validateProperties().validationEvents.map((e: { message: string }) => e.message)];
  };

  it("sends a Workflows message with one Adaptive Card 1.4 attachment that the SDK accepts", () => {
    for (const input of [eventInput(), eventInput(HUGE), eventInput(HOSTILE), { ...eventInput(), kind: "test" as const }]) {
      const m = teamsBody(input);
      expect(m.type).toBe("message");
      expect(m.attachments).toHaveLength(1);
      expect(m.attachments[0].contentType).toBe("application/vnd.microsoft.card.adaptive");
      const card = m.attachments[0].content;
      expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.4" });
      expect(problems(card)).toEqual([]);
      expect(Buffer.byteLength(buildMessage("teams", input).body)).toBeLessThan(28_000);
    }
    const card = teamsBody(eventInput()).attachments[0].content;
    expect(card.body.map((b: { type: string }) => b.type)).toEqual(["TextBlock", "TextBlock", "FactSet", "TextBlock", "TextBlock"]);
    expect(card.actions).toEqual([
      { type: "Action.OpenUrl", title: "View event", url: "https://portal.example.com/events/0190c2a4-0000-7000-8000-0000000000e1" },
    ]);
  });

  it("is checked by the SDK: a card without the action's URL is refused", () => {
    const card = teamsBody(eventInput()).attachments[0].content;
    expect(problems({ ...card, actions: [{ type: "Action.OpenUrl", title: "x" }] }).join()).toMatch(/url/);
  });
});

describe("Zapier", () => {
  const keys = (input: MessageInput) => Object.keys(JSON.parse(buildMessage("zapier", input).body)).sort();

  it("flattens nested keys with __ and keeps arrays of objects as JSON strings", () => {
    const m = JSON.parse(buildMessage("zapier", eventInput()).body);
    expect(m).toMatchObject({
      type: "order.created",
      data__event__title: "Order 42 placed",
      data__event__details__order__id: 42,
      data__event__details__lines: JSON.stringify([{ sku: "A", qty: 1 }]),
      data__event__details__tags: ["new", "web"],
      data__triggeredBy__email: "ada@example.com",
      data__subscription__id: null,
    });
    expect(Object.values(m).every((v) => v === null || typeof v !== "object" || Array.isArray(v))).toBe(true);
  });

  it("answers the same keys every time: manual or automatic, whatever the event's texts", () => {
    const automatic: MessageInput = { ...eventInput(event(), null), subscriptionId: "0190c2a4-0000-7000-8000-0000000000f1" };
    expect(keys(automatic)).toEqual(keys(eventInput()));
    expect(keys(eventInput(event({ title: "other", severity: "low" })))).toEqual(keys(eventInput()));
    expect(keys({ ...eventInput(), kind: "default" })).toEqual(keys({ ...eventInput(event(), null), kind: "default" }));
  });

  it("never gives two values one name: colliding and empty keys stay apart, and names read back to their keys", () => {
    const details = {
      a__b: "flat",
      a: { b: "nested", "": "empty", "~e": "tilde", _: "under", _id: 6 },
      "": { "": 1 },
      __: 2,
      x_: 3,
      _id: 4,
      order_id: 5,
    };
    const flat = flatten(details);
    expect(flat).toEqual({
      "a~u~ub": "flat",
      a__b: "nested",
      "a__~e": "empty",
      "a__~~e": "tilde",
      "a__~u": "under",
      a___id: 6,
      "~e__~e": 1,
      "~u~u": 2,
      "x~u": 3,
      _id: 4,
      order_id: 5,
    });
    // Every name splits back, on each "__", into the keys it came from.
    const unflatKey = (part: string) => (part === "~e" ? "" : part.replace(/~(~|u)/g, (_m, c: string) => (c === "~" ? "~" : "_")));
    const back = (name: string) => name.split(/(?<!_)__/).map(unflatKey);
    const paths = (node: unknown, path: string[] = []): string[][] =>
      node !== null && typeof node === "object" ? Object.entries(node).flatMap(([k, v]) => paths(v, [...path, k])) : [path];
    expect(Object.keys(flat).map(back).sort()).toEqual(paths(details).sort());
  });

  it("bounds depth: deeper values are one JSON string", () => {
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 40; i++) deep = { d: deep };
    const flat = flatten({ deep });
    expect(Object.keys(flat)).toHaveLength(1);
    expect(typeof Object.values(flat)[0]).toBe("string");
  });
});
