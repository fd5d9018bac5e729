import { authorize, type Ctx } from "@/lib/auth/context";
import { CONNECTOR_TYPES, CONNECTOR_TYPE_INFO, type ConnectorTypeInfo } from "@/lib/webhooks/connector-types";
import { limitProblem, limitRefusal, limitUsage } from "./limits";

export type ConnectorTypeView = ConnectorTypeInfo & {
  /**
   * How many integrations of this type the workspace has, the most its plan allows (null: no
   * limit; 0: not in the plan), and why one more cannot be added.
   */
  usage: { used: number; limit: number | null; full: string | null };
};

/** The connector types an admin can choose from, with their setup steps, fields and how many more the plan allows. */
export async function listConnectorTypes({ ctx }: { ctx: Ctx }): Promise<{ data: ConnectorTypeView[] }> {
  authorize(ctx, "portal.read");
  const usage = await limitUsage(ctx.workspace!.id);
  return {
    data: await Promise.all(
      CONNECTOR_TYPES.map(async (type) => {
        const problem = limitProblem(usage, type);
        return {
          ...CONNECTOR_TYPE_INFO[type],
          usage: {
            used: usage.perType[type].used,
            limit: usage.perType[type].limit,
            full: problem && (await limitRefusal(problem, usage, type)).message,
          },
        };
      }),
    ),
  };
}
