import { AppError, notFound } from "@/lib/errors";

/** An unknown workspace, and one the caller is not a member of: the same answer, so its existence is not revealed. */
export const workspaceNotFound = () => new AppError("workspace_not_found", "This workspace does not exist, or you are not a member of it.");

export const planNotFound = () => notFound("Plan");
