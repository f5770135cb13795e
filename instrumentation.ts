/** Next.js start-up hook: note each request's peer address, parse the configuration (and start the demo simulator). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { stampPeerAddresses } = await import("./lib/security/peer");
  stampPeerAddresses();
  const { startUp } = await import("./lib/startup");
  await startUp();
}
