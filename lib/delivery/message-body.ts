import { env, portalOrigin } from "@/lib/env";
import type { ConnectorType } from "@/lib/webhooks/connector-types";
import { buildMessage, type MessageInput, type MessagePortal } from "@/lib/webhooks/formats";

/** The portal as messages name and link it: PORTAL_NAME, and PORTAL_URL for links to events. */
export const portalForMessages = (): MessagePortal => ({ name: env().PORTAL_NAME, url: portalOrigin() });

type WithoutPortal<T> = T extends unknown ? Omit<T, "portal"> : never;

/** The body a message to an integration of `type` carries, in that connector type's format. */
export const messageBody = (type: ConnectorType, input: WithoutPortal<MessageInput>): string =>
  buildMessage(type, { ...input, portal: portalForMessages() } as MessageInput).body;
