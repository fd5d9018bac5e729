// Triggers one integration as one user, in a process of its own, so a test can kill it
// mid-delivery: `node --import tsx lib/testing/trigger-child.ts <integrationId> <userId>`.
import { db } from "@/lib/db";
import { triggerIntegration } from "@/lib/executions/trigger-integration";
import { DEFAULT_WORKSPACE } from "@/lib/workspaces/scope";

const [integrationId, userId] = process.argv.slice(2);
const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
await triggerIntegration({
  ctx: {
    actor: {
      id: user.id,
      email: user.email,
      name: user.name,
      isAdmin: user.isAdmin,
      canTriggerIntegrations: user.canTriggerIntegrations,
      isInstanceAdmin: user.isAdmin,
    },
    // The test's users are members of the default workspace.
    workspace: DEFAULT_WORKSPACE,
    via: "system",
  },
  integrationId,
  input: { mode: "default" },
});
process.exit(0);
