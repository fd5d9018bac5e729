import { describe, expect, it } from "vitest";
import { EVENT_TYPE_PATTERN, explainMatch, filterProblems, matchesEvent, type MatchRule } from "./match";

const event = {
  type: "incident.opened",
  title: "Database down",
  severity: "high",
  source: "pagerduty",
  details: { region: "eu", amount: 120, tags: ["db", "prod"], nested: { team: { name: "core" } }, flag: false, empty: null },
};
const rule = (r: Partial<MatchRule>): MatchRule => ({ eventTypes: ["*"], minSeverity: null, sources: [], filter: null, ...r });

describe("event type patterns", () => {
  it.each([
    [["*"], true],
    [["incident.opened"], true],
    [["incident.*"], true],
    [["incident.opened.*"], false],
    [["incident.closed"], false],
    [["incidents.*"], false],
    [["order.*", "incident.opened"], true],
  ])("%j matches incident.opened: %s", (eventTypes, expected) => {
    expect(matchesEvent(rule({ eventTypes }), event)).toBe(expected);
  });

  it("a prefix wildcard matches deeper types but not a longer first segment", () => {
    expect(matchesEvent(rule({ eventTypes: ["incident.*"] }), { ...event, type: "incident.sla.breached" })).toBe(true);
    expect(matchesEvent(rule({ eventTypes: ["incident.*"] }), { ...event, type: "incidentx.opened" })).toBe(false);
  });

  it.each(["*", "incident.*", "incident.opened", "a_b.c-d", "x.y.*"])("accepts %s", (p) => expect(EVENT_TYPE_PATTERN.test(p)).toBe(true));
  it.each(["", "incident", "*.opened", "incident.**", "Incident.Opened", "inc*.x", "incident..x", "incident.*.x"])("refuses %j", (p) =>
    expect(EVENT_TYPE_PATTERN.test(p)).toBe(false),
  );
});

describe("severity and sources", () => {
  it("matches at or above the minimum severity", () => {
    expect(matchesEvent(rule({ minSeverity: "high" }), event)).toBe(true);
    expect(matchesEvent(rule({ minSeverity: "medium" }), event)).toBe(true);
    expect(matchesEvent(rule({ minSeverity: "critical" }), event)).toBe(false);
  });
  it("matches listed sources only", () => {
    expect(matchesEvent(rule({ sources: ["grafana", "pagerduty"] }), event)).toBe(true);
    expect(matchesEvent(rule({ sources: ["grafana"] }), event)).toBe(false);
  });
});

describe("filter operators", () => {
  it.each([
    [{ "details.region": "eu" }, true],
    [{ "details.region": "us" }, false],
    [{ "details.region": { $eq: "eu" } }, true],
    [{ "details.region": { $ne: "eu" } }, false],
    [{ "details.missing": { $ne: "eu" } }, true],
    [{ "details.region": { $in: ["eu", "us"] } }, true],
    [{ "details.region": { $in: ["us"] } }, false],
    [{ "details.region": { $nin: ["us"] } }, true],
    [{ "details.region": { $nin: ["eu"] } }, false],
    [{ "details.amount": { $gt: 100 } }, true],
    [{ "details.amount": { $gt: 120 } }, false],
    [{ "details.amount": { $gte: 120 } }, true],
    [{ "details.amount": { $lt: 120 } }, false],
    [{ "details.amount": { $lte: 120 } }, true],
    [{ "details.amount": { $gt: 100, $lt: 200 } }, true],
    [{ "details.amount": { $gt: "100" } }, false],
    [{ "details.region": { $exists: true } }, true],
    [{ "details.region": { $exists: false } }, false],
    [{ "details.missing": { $exists: false } }, true],
    [{ "details.empty": { $exists: true } }, true],
    [{ "details.empty": null }, true],
    [{ "details.flag": false }, true],
    [{ "details.tags": "db" }, true],
    [{ "details.tags": { $in: ["x", "prod"] } }, true],
    [{ "details.nested.team.name": "core" }, true],
    [{ "details.nested.team.name.x": { $exists: true } }, false],
    [{ source: "pagerduty", severity: { $in: ["high", "critical"] } }, true],
    [{ title: { $gte: "D" } }, true],
    [{ "details.region": "eu", "details.amount": { $lt: 10 } }, false],
  ])("%j → %s", (filter, expected) => {
    expect(matchesEvent(rule({ filter: filter as MatchRule["filter"] }), event)).toBe(expected);
  });

  it("does not read inherited properties", () => {
    expect(matchesEvent(rule({ filter: { "details.constructor": { $exists: true } } }), event)).toBe(false);
  });
});

describe("filter validation", () => {
  it("accepts a well-formed filter", () => {
    expect(filterProblems({ "details.region": { $in: ["eu"] }, severity: "high", "details.n": { $gte: 1, $lt: 5 } })).toEqual({});
    expect(filterProblems({ "details.n": { $gte: 5, $lte: 5 }, "details.m": { $exists: false, $ne: 1 } })).toEqual({});
  });
  it.each([
    [{ "details.region": { $regex: "e" } }, "Unknown operator $regex"],
    [{ "details.region": { $in: "eu" } }, "$in takes a non-empty list"],
    [{ "details.region": { $in: [] } }, "$in takes a non-empty list"],
    [{ "details.region": { $exists: "yes" } }, "$exists takes true or false"],
    [{ "details.region": { $gt: [1] } }, "$gt takes a number or a string"],
    [{ "details.region": { $eq: { a: 1 } } }, "$eq takes a single value"],
    [{ "details.region": {} }, "Name at least one operator"],
    [{ "details.region": [1, 2] }, "Use a value, or an object of operators"],
    [{ title: { $eq: "x" }, "title.length": 3 }, "title has no fields of its own"],
    [{ payload: 1 }, "Filter on type, title, severity, source or details.<key>"],
    [{ details: 1 }, "Name a key inside details"],
    [{ "details..x": 1 }, "without empty parts"],
    [{ "details.__proto__.x": 1 }, "never hold a key named __proto__"],
    [{ "details.a.__proto__": { $exists: true } }, "never hold a key named __proto__"],
    [{ "details.n": { $exists: false, $eq: 1 } }, "can never hold together"],
    [{ "details.n": { $gt: 5, $lt: 3 } }, "nothing can match"],
    [{ "details.n": { $gt: 5, $lte: 5 } }, "nothing can match"],
    [{ "details.n": { $gte: "b", $lt: "a" } }, "nothing can match"],
    [{ "details.n": { $gt: 1, $lt: "z" } }, "of the same kind"],
  ])("%j is refused", (filter, message) => {
    const problems = Object.values(filterProblems(filter)).flat();
    expect(problems.join(" | ")).toContain(message);
  });
  it("refuses a filter that is not an object", () => {
    expect(filterProblems([1])).toHaveProperty("filter");
    expect(filterProblems("x")).toHaveProperty("filter");
  });
});

describe("why a rule does not take an event", () => {
  const order = { type: "order.paid", title: "Order 7", severity: "medium", source: "shop", details: { region: "eu", total: 40 } };
  const paid = {
    eventTypes: ["order.*"],
    minSeverity: "low",
    sources: ["shop"],
    filter: { "details.region": "eu", "details.total": { $gte: 50 } },
  };

  it("names the first condition that excludes it, in the matcher's order, and the filter's path", () => {
    expect(explainMatch({ ...paid, eventTypes: ["incident.*"] }, order)).toMatchObject({ matched: false, rule: "type" });
    expect(explainMatch({ ...paid, minSeverity: "high" }, order)).toMatchObject({ matched: false, rule: "severity" });
    expect(explainMatch({ ...paid, sources: ["crm"] }, order)).toMatchObject({ matched: false, rule: "source" });
    expect(explainMatch(paid, order)).toEqual({
      matched: false,
      rule: "filter",
      path: "details.total",
      message: 'The filter on details.total wants {"$gte":50}; it has 40',
    });
    expect(explainMatch({ ...paid, filter: { "details.customer": { $exists: true } } }, order)).toMatchObject({
      rule: "filter",
      message: expect.stringContaining("it has no such field"),
    });
    expect(explainMatch({ ...paid, filter: { "details.region": "eu" } }, order)).toEqual({ matched: true });
  });

  it("agrees with the matcher", () => {
    const rules: MatchRule[] = [
      paid,
      { ...paid, filter: null },
      { ...paid, eventTypes: ["*"], sources: [] },
      { ...paid, minSeverity: null, filter: { "details.region": { $nin: ["us"] } } },
      { ...paid, filter: { title: { $ne: "Order 7" } } },
    ];
    for (const r of rules) expect(explainMatch(r, order).matched).toBe(matchesEvent(r, order));
  });
});
