import { chatSummary } from "./summary";
import { detailsExcerpt, truncate } from "./text";
import type { BuiltMessage, MessageInput } from "./types";

/** Kept well under Teams' 28 KB message limit. */
export const TEAMS_LIMITS = { title: 256, text: 2000, factValue: 1000, details: 8000, facts: 20 };

/** The Adaptive Card elements used (schema 1.4, https://adaptivecards.io/explorer/). */
type TextBlock = {
  type: "TextBlock";
  text: string;
  wrap: true;
  weight?: "Bolder";
  size?: "Medium" | "Small";
  isSubtle?: boolean;
  color?: "Attention" | "Warning" | "Good" | "Accent";
  fontType?: "Monospace";
};
type FactSet = { type: "FactSet"; facts: { title: string; value: string }[] };
type OpenUrl = { type: "Action.OpenUrl"; title: string; url: string };
export interface AdaptiveCard {
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json";
  type: "AdaptiveCard";
  version: "1.4";
  body: (TextBlock | FactSet)[];
  actions?: OpenUrl[];
  msteams: { width: "Full" };
}

/** What a Teams Workflows "When a Teams webhook request is received" trigger takes. */
export interface TeamsMessage {
  type: "message";
  attachments: [{ contentType: "application/vnd.microsoft.card.adaptive"; contentUrl: null; content: AdaptiveCard }];
}

const COLOURS: Record<string, TextBlock["color"]> = {
  critical: "Attention",
  high: "Attention",
  medium: "Warning",
  low: "Accent",
  info: "Accent",
};

/**
 * A Teams Workflows message: one Adaptive Card 1.4 with the title, the summary, a FactSet, the
 * details and an OpenUrl action to the event. Markdown in event texts is escaped.
 */
export function teamsMessage(input: MessageInput): BuiltMessage {
  const s = chatSummary(input);
  const body: AdaptiveCard["body"] = [
    {
      type: "TextBlock",
      text: truncate(md(s.title.replace(/\s+/g, " ")), TEAMS_LIMITS.title),
      wrap: true,
      weight: "Bolder",
      size: "Medium",
      ...(s.severity && { color: COLOURS[s.severity] }),
    },
    { type: "TextBlock", text: truncate(md(s.text), TEAMS_LIMITS.text), wrap: true },
  ];
  if (s.facts.length > 0) {
    body.push({
      type: "FactSet",
      facts: s.facts
        .slice(0, TEAMS_LIMITS.facts)
        .map((f) => ({ title: md(f.label), value: truncate(md(f.value), TEAMS_LIMITS.factValue) })),
    });
  }
  const details = detailsExcerpt(s.details, TEAMS_LIMITS.details);
  if (details)
    body.push({ type: "TextBlock", text: truncate(md(details), TEAMS_LIMITS.details), wrap: true, fontType: "Monospace", size: "Small" });
  body.push({ type: "TextBlock", text: truncate(md(s.context), TEAMS_LIMITS.text), wrap: true, isSubtle: true, size: "Small" });
  const card: AdaptiveCard = {
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    type: "AdaptiveCard",
    version: "1.4",
    body,
    ...(s.link && { actions: [{ type: "Action.OpenUrl", title: s.link.label, url: s.link.url }] }),
    msteams: { width: "Full" },
  };
  const message: TeamsMessage = {
    type: "message",
    attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content: card }],
  };
  return { body: JSON.stringify(message), contentType: "application/json" };
}

/** Markdown characters escaped, so an event's `[text](url)` or `**` stays text; `<at>` mentions need entities the card never has. */
export const md = (value: string) => value.replace(/([\\*_~`[\]()#>-])/g, "\\$1");
