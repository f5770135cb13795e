import type { SourceKey } from "../store/types";
import type { SyncConfig } from "./job";

/** The sources the sync keeps: every configured service of every configured project, project by project. */
export function configuredSources(config: Pick<SyncConfig, "projects" | "services">): SourceKey[] {
  return config.projects.flatMap((project) =>
    config.services.map((service) => ({ service, region: project.region, projectId: project.projectId })),
  );
}

export function sameSource(a: SourceKey, b: SourceKey): boolean {
  return a.service === b.service && a.region === b.region && a.projectId === b.projectId;
}

/** A source in a log line. */
export function describeSource(source: SourceKey): string {
  return `${source.service} ${source.region} project ${source.projectId}`;
}
