/**
 * Internal: a transformation version's code by id, without checking any permission — the send
 * side and the verbs that have authorized their caller use it.
 */
import { db } from "@/lib/db";
import type { TransformationCode } from "../apply";

export async function loadTransformationCode(id: string | null): Promise<TransformationCode | null> {
  if (!id) return null;
  return db.transformation.findUnique({ where: { id }, select: { id: true, code: true } });
}
