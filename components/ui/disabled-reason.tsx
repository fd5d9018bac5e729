import type { ReactNode } from "react";
import { Tooltip } from "./tooltip";

/**
 * A disabled control with the reason it is disabled, on hover and on keyboard focus. A disabled
 * button takes no focus, so a focusable wrapper carries the tooltip.
 */
export function DisabledReason({ reason, children }: { reason: string; children: ReactNode }) {
  return (
    <Tooltip content={reason}>
      <span
        tabIndex={0}
        className="inline-flex rounded-md focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2"
      >
        {children}
      </span>
    </Tooltip>
  );
}
