import type { ConnectorType } from "../connector-types";
import { discordMessage } from "./discord";
import { slackMessage } from "./slack";
import { standardMessage } from "./standard";
import { teamsMessage } from "./teams";
import type { BuiltMessage, MessageInput } from "./types";
import { zapierMessage } from "./zapier";

const BUILDERS: Record<ConnectorType, (input: MessageInput) => BuiltMessage> = {
  standard: standardMessage,
  slack: slackMessage,
  discord: discordMessage,
  teams: teamsMessage,
  zapier: zapierMessage,
};

/** The request body an integration of this connector type is sent for `input`. */
export const buildMessage = (type: ConnectorType, input: MessageInput): BuiltMessage => BUILDERS[type](input);

export type { BuiltMessage, MessageEvent, MessageInput, MessagePortal, MessageUser, MessageWorkspace } from "./types";
