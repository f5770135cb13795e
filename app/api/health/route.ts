import { isDemoEnv } from "@/lib/config";

export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok", mode: isDemoEnv(process.env) ? "demo" : "cloud" });
}
