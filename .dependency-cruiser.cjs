/**
 * The layering README's Architecture paragraph describes, checked by `npm test`
 * (scripts/test-all.sh): data flows from app/ to lib/, never back; components/ does not reach
 * into app/; and there are no import circles.
 */
module.exports = {
  forbidden: [
    {
      name: "lib-not-to-app-or-components",
      severity: "error",
      comment: "lib/ is the domain: it never imports pages, routes or components.",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "components-not-to-app",
      severity: "error",
      comment: "Components are used by app/, not the other way round: move server actions beside their domain.",
      from: { path: "^components/" },
      to: { path: "^app/" },
    },
    {
      name: "lib-not-to-scripts",
      severity: "error",
      comment: "scripts/ holds entry points only; runtime code lives in lib/.",
      from: { path: "^lib/" },
      to: { path: "^scripts/" },
    },
    {
      name: "internal-stays-in-lib",
      severity: "error",
      comment: "internal modules return decrypted secrets or skip authorization: only lib/ (and the scripts' entry points) may use them.",
      from: { path: "^(app|components)/" },
      to: { path: "/internal/" },
    },
    {
      name: "queue-knows-no-domain",
      severity: "error",
      comment: "lib/jobs is the queue adapter: the send side (lib/delivery) uses it, never the other way round.",
      from: { path: "^lib/jobs/" },
      to: { path: "^lib/(delivery|executions|events|integrations|subscriptions|users|tokens|auth)/" },
    },
    {
      name: "send-side-without-auth",
      severity: "error",
      comment: "The send side takes who sends as plain data (lib/delivery/start-attempt.ts: Sender), not lib/auth's request context.",
      from: { path: "^lib/(delivery|webhooks)/", pathNot: "\\.test\\.ts$" },
      to: { path: "^lib/auth/" },
    },
    {
      name: "no-circular",
      severity: "error",
      comment: "An import circle: break it (types at the bottom, shared code in its own module).",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|\\.next|\\.data|lib/generated|e2e/\\.artifacts)" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
  },
};
