import type { ActionsBlock, ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from "@slack/types";
import { chatSummary } from "./summary";
import { breakMentions, detailsExcerpt, truncate } from "./text";
import type { BuiltMessage, MessageInput } from "./types";

/** Slack's Block Kit limits (https://api.slack.com/reference/block-kit/blocks). */
export const SLACK_LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  contextText: 2000,
  buttonText: 75,
  url: 3000,
  text: 3000,
};

/** What an incoming webhook takes: a `text` fallback (notifications, old clients) and blocks. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
  unfurl_links: false;
  unfurl_media: false;
}

/**
 * A Block Kit message for a Slack incoming webhook: header, the summary, the facts as fields, the
 * details in a code block, a context line and a button to the event. Every text is escaped (so
 * `<!channel>` or `<url|text>` in an event stays text) and cut to Slack's limits.
 */
export function slackMessage(input: MessageInput): BuiltMessage {
  const s = chatSummary(input);
  const header: HeaderBlock = {
    type: "header",
    text: { type: "plain_text", text: truncate(plain(s.title), SLACK_LIMITS.headerText), emoji: false },
  };
  const summary: SectionBlock = {
    type: "section",
    text: { type: "mrkdwn", text: truncate(`*${mrkdwn(s.title)}*\n${mrkdwn(s.text)}`, SLACK_LIMITS.sectionText) },
  };
  const blocks: KnownBlock[] = [header, summary];
  if (s.facts.length > 0) {
    blocks.push({
      type: "section",
      fields: s.facts
        .slice(0, SLACK_LIMITS.fields)
        .map((f) => ({ type: "mrkdwn", text: truncate(`*${mrkdwn(f.label)}*\n${mrkdwn(f.value)}`, SLACK_LIMITS.fieldText) })),
    });
  }
  const details = detailsExcerpt(s.details, SLACK_LIMITS.sectionText);
  if (details)
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: "```" + truncate(mrkdwn(details), SLACK_LIMITS.sectionText - 6) + "```" },
    });
  const context: ContextBlock = {
    type: "context",
    elements: [{ type: "mrkdwn", text: truncate(mrkdwn(s.context), SLACK_LIMITS.contextText) }],
  };
  blocks.push(context);
  if (s.link && s.link.url.length <= SLACK_LIMITS.url) {
    const actions: ActionsBlock = {
      type: "actions",
      elements: [{ type: "button", text: { type: "plain_text", text: s.link.label }, url: s.link.url }],
    };
    blocks.push(actions);
  }
  const message: SlackMessage = {
    text: truncate(mrkdwn(`${s.severity ? `[${s.severity}] ` : ""}${s.title}`), SLACK_LIMITS.text),
    blocks: blocks.slice(0, SLACK_LIMITS.blocks),
    unfurl_links: false,
    unfurl_media: false,
  };
  return { body: JSON.stringify(message), contentType: "application/json" };
}

/**
 * Text for mrkdwn: &, < and > escaped as Slack asks (so no `<!here>`, `<@U…>` or `<url|text>`
 * can form) and bare @channel-style words broken.
 */
export const mrkdwn = (text: string) => breakMentions(text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));

/**
 * plain_text is not parsed for links or mentions; still, angle brackets become ‹ › and mentions
 * are broken, so no client can read one there. Line breaks are folded for a header.
 */
const plain = (text: string) => breakMentions(text.replace(/</g, "‹").replace(/>/g, "›").replace(/\s+/g, " ").trim()) || "(untitled)";
