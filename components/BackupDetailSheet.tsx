"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { ListFilter, X } from "lucide-react";
import { type ReactNode, useState } from "react";
import type { Backup, JsonValue } from "@/lib/inventory/model";
import { CopyButton } from "./CopyButton";
import { formatBytes, formatDuration, formatUtc, NONE } from "./format";
import { LocalTime } from "./LocalTime";
import { engineLabel, KIND_LABELS, SERVICE_LABELS, TRIGGER_LABELS } from "./labels";
import { StatusBadge } from "./StatusBadge";
import { buttonClass, focusRing } from "./styles";

/** "backupLevel" / "backup_level" → "Backup level". */
function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function DetailValue({ value }: { value: JsonValue }) {
  if (value === null || value === "") return <span className="text-slate-400">{NONE}</span>;
  if (typeof value === "boolean") return <>{value ? "Yes" : "No"}</>;
  if (typeof value === "object")
    return (
      <pre className="overflow-x-auto rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800">
        {JSON.stringify(value, null, 2)}
      </pre>
    );
  return <span className="break-words">{String(value)}</span>;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_1fr] gap-3 py-2 text-sm max-sm:grid-cols-1 max-sm:gap-0.5">
      <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="min-w-0 text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="border-t border-slate-200 px-5 py-4 dark:border-slate-800">
      <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">{title}</h3>
      {children}
    </section>
  );
}

function Time({ iso }: { iso: string | null }) {
  if (!iso) return <span className="text-slate-400">{NONE}</span>;
  return (
    <span className="flex flex-col">
      <LocalTime iso={iso} withSeconds />
      <span className="text-xs text-slate-500 dark:text-slate-400">{formatUtc(iso)}</span>
    </span>
  );
}

function Copyable({ value, label }: { value: string; label: string }) {
  return (
    <span className="flex items-center gap-1">
      <span className="min-w-0 break-all font-mono text-xs">{value}</span>
      <CopyButton value={value} label={label} />
    </span>
  );
}

/**
 * Everything about one backup, in a panel at the side: the normalised fields, what is specific to its
 * service, and the record exactly as the API sent it.
 */
export function BackupDetailSheet({
  backup,
  onClose,
  onFilterInstance,
}: {
  backup: Backup | null;
  onClose: () => void;
  onFilterInstance: (instanceId: string) => void;
}) {
  // Keeps the last backup on screen while the panel closes.
  const [shown, setShown] = useState(backup);
  if (backup && backup !== shown) setShown(backup);
  const detailEntries = shown ? Object.entries(shown.details) : [];

  return (
    <Dialog.Root open={backup !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-950/40 motion-safe:data-[state=open]:animate-[fade-in_150ms_ease-out]" />
        <Dialog.Content
          data-testid="backup-detail"
          className="fixed inset-y-0 right-0 z-50 flex w-full max-w-2xl flex-col bg-white shadow-2xl outline-none motion-safe:data-[state=open]:animate-[sheet-in_200ms_ease-out] dark:bg-slate-900"
        >
          {shown ? (
            <>
              <header className="flex items-start gap-3 px-5 py-4">
                <div className="min-w-0 flex-1">
                  <Dialog.Title className="truncate text-lg font-semibold" title={shown.name ?? shown.id}>
                    {shown.name ?? shown.id}
                  </Dialog.Title>
                  <Dialog.Description className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">
                    {SERVICE_LABELS[shown.service]} {KIND_LABELS[shown.kind].toLowerCase()} backup of{" "}
                    {shown.instanceName ?? shown.instanceId}
                  </Dialog.Description>
                  <div className="mt-2">
                    <StatusBadge status={shown.status} rawStatus={shown.rawStatus} />
                  </div>
                </div>
                <Dialog.Close
                  aria-label="Close details"
                  className={`inline-flex size-8 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-900 dark:hover:bg-slate-800 dark:hover:text-white ${focusRing}`}
                >
                  <X aria-hidden="true" className="size-5" />
                </Dialog.Close>
              </header>
              <div className="flex-1 overflow-y-auto pb-6">
                <Section title="Backup">
                  <dl>
                    <Field label="Backup ID">
                      <Copyable value={shown.id} label="Copy backup ID" />
                    </Field>
                    <Field label="Name">{shown.name ?? <span className="text-slate-400">{NONE}</span>}</Field>
                    <Field label="Kind">{KIND_LABELS[shown.kind]}</Field>
                    <Field label="Trigger">
                      {shown.trigger ? TRIGGER_LABELS[shown.trigger] : <span className="text-slate-400">{NONE}</span>}
                    </Field>
                    <Field label="Status">
                      <span className="flex flex-wrap items-center gap-2">
                        <StatusBadge status={shown.status} />
                        <span className="text-xs text-slate-500 dark:text-slate-400">
                          reported as <code className="font-mono">{shown.rawStatus}</code>
                        </span>
                      </span>
                    </Field>
                    <Field label="Started">
                      <Time iso={shown.startedAt} />
                    </Field>
                    <Field label="Ended">
                      <Time iso={shown.endedAt} />
                    </Field>
                    <Field label="Duration">{formatDuration(shown.durationSeconds)}</Field>
                    <Field label="Size">
                      {formatBytes(shown.sizeBytes)}
                      {shown.sizeBytes !== null ? (
                        <span className="ml-2 text-xs text-slate-500 tabular-nums dark:text-slate-400">
                          {shown.sizeBytes.toLocaleString("en-US")} bytes
                        </span>
                      ) : null}
                    </Field>
                    <Field label="Description">
                      {shown.description ? (
                        <span className="break-words">{shown.description}</span>
                      ) : (
                        <span className="text-slate-400">{NONE}</span>
                      )}
                    </Field>
                  </dl>
                </Section>
                <Section title="Instance">
                  <dl>
                    <Field label="Name">{shown.instanceName ?? <span className="text-slate-400">{NONE}</span>}</Field>
                    <Field label="Instance ID">
                      <Copyable value={shown.instanceId} label="Copy instance ID" />
                    </Field>
                    <Field label="Service">{SERVICE_LABELS[shown.service]}</Field>
                    <Field label="Engine">
                      {engineLabel(shown.engine)}
                      {shown.engineVersion ? ` ${shown.engineVersion}` : ""}
                    </Field>
                    <Field label="Region">{shown.region}</Field>
                    <Field label="Project ID">
                      <Copyable value={shown.projectId} label="Copy project ID" />
                    </Field>
                  </dl>
                  <button
                    type="button"
                    className={`${buttonClass} mt-2`}
                    onClick={() => onFilterInstance(shown.instanceId)}
                  >
                    <ListFilter aria-hidden="true" className="size-4" />
                    Show only this instance's backups
                  </button>
                </Section>
                <Section title={`${SERVICE_LABELS[shown.service]} details`}>
                  {detailEntries.length > 0 ? (
                    <dl>
                      {detailEntries.map(([key, value]) => (
                        <Field key={key} label={humanize(key)}>
                          <DetailValue value={value} />
                        </Field>
                      ))}
                    </dl>
                  ) : (
                    <p className="text-sm text-slate-500 dark:text-slate-400">The service reports nothing more.</p>
                  )}
                </Section>
                <Section title="Raw record">
                  <div className="relative">
                    <pre
                      data-testid="raw-record"
                      className="max-h-96 overflow-auto rounded-md bg-slate-100 p-3 font-mono text-xs leading-relaxed dark:bg-slate-950"
                    >
                      {JSON.stringify(shown, null, 2)}
                    </pre>
                    <CopyButton
                      value={JSON.stringify(shown, null, 2)}
                      label="Copy the raw record as JSON"
                      className="absolute top-2 right-2 bg-white/80 dark:bg-slate-900/80"
                    />
                  </div>
                </Section>
              </div>
            </>
          ) : null}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
