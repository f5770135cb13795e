/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // A separate build folder lets a benchmark or a second checkout build without touching the main one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
