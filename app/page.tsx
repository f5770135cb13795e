import { isDemoEnv } from "@/lib/config";

export const dynamic = "force-dynamic";

export default function HomePage() {
  const demo = isDemoEnv(process.env);
  return (
    <main className="mx-auto max-w-5xl p-6">
      <h1 className="text-2xl font-semibold">Backup inventory</h1>
      <p className="mt-2" data-testid="mode">
        {demo ? "Demo mode: showing simulated data from the built-in cloud simulator." : "Cloud mode."}
      </p>
    </main>
  );
}
