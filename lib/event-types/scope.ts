/**
 * Where every query of event types, their schemas and their settings narrows its rows. Today the
 * portal has one catalog; a workspace scope is added here, once, for all of them.
 */
export const inScope = <W extends object>(where: W): W => where;

/** The settings row (PortalSettings) that holds the event type settings. */
export const SETTINGS_ID = 1;
