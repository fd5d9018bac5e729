import { conflict, notFound } from "@/lib/errors";

export const integrationNotFound = () => notFound("Integration");
export const webhookNotConfigured = () => notFound("Webhook configuration");

export const slugTaken = (slug: string) =>
  conflict(`Another integration already uses the slug “${slug}”. Choose another slug.`, { slug: ["Already in use"] });
