export { TRANSFORM_LIMITS } from "./limits";
export { isProtectedHeader } from "./protected-headers";
export { checkCode, clearCompiledTransformations, loadQuickJs } from "./sandbox";
export {
  CANCELLED_MESSAGE,
  describeFailure,
  transformRequest,
  type RequestOverrides,
  type RequestToTransform,
  type TransformFailure,
  type TransformOutcome,
} from "./transform-request";
