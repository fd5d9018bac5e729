import { authorize, type Ctx } from "@/lib/auth/context";
import { CONNECTOR_TYPES, CONNECTOR_TYPE_INFO, type ConnectorTypeInfo } from "@/lib/webhooks/connector-types";
import { limitProblem, limitUsage } from "./limits";

export type ConnectorTypeView = ConnectorTypeInfo & {
  /** How many integrations of this type exist, the most allowed (null: no limit), and why one more cannot be added. */
  usage: { used: number; limit: number | null; full: string | null };
};

/** The connector types an admin can choose from, with their setup steps, fields and how many more are allowed. */
export async function listConnectorTypes({ ctx }: { ctx: Ctx }): Promise<{ data: ConnectorTypeView[] }> {
  authorize(ctx, "portal.read");
  const usage = await limitUsage();
  return {
    data: CONNECTOR_TYPES.map((type) => ({
      ...CONNECTOR_TYPE_INFO[type],
      usage: { used: usage.perType[type].used, limit: usage.perType[type].limit, full: limitProblem(usage, type) },
    })),
  };
}
