import { redirect } from "next/navigation";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { NO_WORKSPACE_PATH, workspacePath } from "@/lib/workspaces/request-names";

/** "/" and "/w/{slug}": the integrations of the workspace (the current one for "/"). */
export default async function Home() {
  const ctx = await requirePageCtx();
  redirect(ctx.workspace ? workspacePath(ctx.workspace.slug, "/integrations") : NO_WORKSPACE_PATH);
}
