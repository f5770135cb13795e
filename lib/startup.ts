import "server-only";
import { ConfigError } from "./config";
import { getRuntime } from "./runtime";

/** Validates the environment once at start-up: a bad value stops the server with one line naming it. */
export async function startUp(): Promise<void> {
  try {
    const { config } = await getRuntime();
    const projects = config.projects.map((project) => `${project.region}=${project.projectId}`).join(", ");
    console.log(
      config.mode === "demo"
        ? `Backup inventory: demo mode, showing simulated data (simulator projects: ${projects})`
        : `Backup inventory: cloud mode, services ${config.services.join(", ")}, projects ${projects}`,
    );
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
