import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { metrics } from "./registry";

describe("the sample Grafana dashboard", () => {
  it("queries only metrics the portal exports (or Prometheus's process metrics)", async () => {
    const dashboard = JSON.parse(readFileSync(path.join(import.meta.dirname, "grafana-dashboard.json"), "utf8")) as {
      panels: { targets: { expr: string }[] }[];
    };
    const { registerQueueGauges } = await import("./queue-gauges");
    const registry = metrics().registry;
    registerQueueGauges(registry);
    const exported = new Set(registry.getMetricsAsArray().map((m) => m.name));
    const used = dashboard.panels
      .flatMap((p) => p.targets.map((t) => t.expr))
      .flatMap((e) => [...e.matchAll(/\b(portal_[a-z_]+|process_[a-z_]+)/g)].map((m) => m[1].replace(/_(bucket|count|sum)$/, "")));
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((name) => !exported.has(name))).toEqual([]);
  });
});
