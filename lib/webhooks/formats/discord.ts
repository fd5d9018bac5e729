import type { APIEmbed, RESTPostAPIWebhookWithTokenJSONBody } from "discord-api-types/v10";
import { chatSummary } from "./summary";
import { breakMentions, detailsExcerpt, truncate } from "./text";
import type { BuiltMessage, MessageInput } from "./types";

/** Discord's embed limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const DISCORD_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  total: 6000,
  content: 2000,
};

/** Embed colours by severity (the portal's own palette). */
const COLOURS: Record<string, number> = { info: 0x2563eb, low: 0x0891b2, medium: 0xf59e0b, high: 0xea580c, critical: 0xdc2626 };
const NEUTRAL = 0x6b7280;

/**
 * One embed for a Discord channel webhook: title (linking to the event), description, the facts
 * as inline fields, timestamp, footer, a colour by severity. `allowed_mentions` is empty, so no
 * text in an event can ping anyone; markdown in event texts is escaped. Within every embed limit,
 * the 6,000-character total included (the description gives way first).
 */
export function discordMessage(input: MessageInput): BuiltMessage {
  const s = chatSummary(input);
  const title = truncate(text(s.title.replace(/\s+/g, " ")), DISCORD_LIMITS.title);
  const fields = s.facts.slice(0, DISCORD_LIMITS.fields).map((f) => ({
    name: truncate(text(f.label), DISCORD_LIMITS.fieldName),
    value: truncate(text(f.value), DISCORD_LIMITS.fieldValue) || "—",
    inline: true,
  }));
  const footer = truncate(text(s.context), DISCORD_LIMITS.footer);
  const used = title.length + footer.length + fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const room = Math.min(DISCORD_LIMITS.description, DISCORD_LIMITS.total - used);
  const details = detailsExcerpt(s.details, room);
  const description = fitDescription(text(s.text), details, room);

  const embed: APIEmbed = {
    title,
    description,
    ...(s.link && s.link.url.length <= 2048 && { url: s.link.url }),
    color: s.severity ? (COLOURS[s.severity] ?? NEUTRAL) : NEUTRAL,
    fields,
    timestamp: s.timestamp.toISOString(),
    footer: { text: footer },
  };
  const message: RESTPostAPIWebhookWithTokenJSONBody = { embeds: [embed], allowed_mentions: { parse: [] } };
  return { body: JSON.stringify(message), contentType: "application/json" };
}

/** The summary, then the details in a code block while they fit in `room`. */
function fitDescription(summary: string, details: string | null, room: number): string {
  const head = truncate(summary, room);
  if (!details) return head;
  const space = room - head.length - "\n```json\n\n```".length;
  if (space < 20) return head;
  return `${head}\n\`\`\`json\n${truncate(details, space)}\n\`\`\``;
}

/** Markdown characters escaped, mentions broken (on top of allowed_mentions), for embed texts. */
export const text = (value: string) => breakMentions(value.replace(/([\\*_~`|>#[\]()-])/g, "\\$1"));
