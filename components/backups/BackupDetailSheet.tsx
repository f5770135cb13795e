"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { ListFilter, X } from "lucide-react";
import { type ReactNode, useState } from "react";
import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import type { JsonValue, StoredBackup } from "@/lib/inventory/model";
import { CopyButton } from "../CopyButton";
import { detailDisplay } from "./detailValues";
import { formatBytes, formatCount, formatDateTime, NONE } from "../format";
import { useFormatters, useLabels, useLocale, useMessages, useT } from "../i18n";
import { LocalTime } from "../LocalTime";
import { LogSpan } from "../LogSpan";
import { RestoreLink } from "../restore/RestoreLink";
import { StatusBadge } from "./StatusBadge";
import { buttonClass, focusRing } from "../styles";

function DetailValue({
  field,
  value,
  locale,
  messages,
}: {
  field: string;
  value: JsonValue;
  locale: Locale;
  messages: Messages["labels"];
}) {
  const shown = detailDisplay(field, value, locale, messages);
  switch (shown.kind) {
    case "none":
      return <span className="text-slate-400">{NONE}</span>;
    case "time":
      return <Time iso={shown.iso} />;
    case "text":
      return <span className="break-words">{shown.text}</span>;
    case "json":
      return (
        <pre className="overflow-x-auto rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800">
          {JSON.stringify(shown.value, null, 2)}
        </pre>
      );
  }
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

/** A time in the browser's zone, and below it in UTC, both in the page's language. */
function Time({ iso }: { iso: string | null }) {
  const locale = useLocale();
  if (!iso) return <span className="text-slate-400">{NONE}</span>;
  return (
    <span className="flex flex-col">
      <LocalTime iso={iso} withSeconds />
      <span className="text-xs text-slate-500 dark:text-slate-400">
        {formatDateTime(iso, locale, { withSeconds: true, timeZone: "UTC" })} UTC
      </span>
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
  backup: StoredBackup | null;
  onClose: () => void;
  onFilterInstance: (instanceId: string) => void;
}) {
  // Keeps the last backup on screen while the panel closes.
  const [shown, setShown] = useState(backup);
  if (backup && backup !== shown) setShown(backup);
  const detailEntries = shown ? Object.entries(shown.details) : [];
  const t = useT("dashboard");
  const tLabels = useT("labels");
  const locale = useLocale();
  const labels = useLabels();
  const messages = useMessages();
  const { duration } = useFormatters();
  const none = <span className="text-slate-400">{NONE}</span>;

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
                    {t("detail.subtitle", {
                      service: labels.service(shown.service),
                      kind: labels.kindNoun(shown.kind),
                      instance: shown.instanceName ?? shown.instanceId,
                    })}
                  </Dialog.Description>
                  <div className="mt-2">
                    <StatusBadge status={shown.status} rawStatus={shown.rawStatus} />
                  </div>
                </div>
                <Dialog.Close
                  aria-label={t("detail.close")}
                  className={`inline-flex size-8 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-900 dark:hover:bg-slate-800 dark:hover:text-white ${focusRing}`}
                >
                  <X aria-hidden="true" className="size-5" />
                </Dialog.Close>
              </header>
              <div className="flex-1 overflow-y-auto pb-6">
                <Section title={t("detail.backup")}>
                  <dl>
                    <Field label={t("detail.backupId")}>
                      <Copyable value={shown.id} label={t("detail.copyBackupId")} />
                    </Field>
                    <Field label={t("detail.name")}>{shown.name ?? none}</Field>
                    <Field label={t("detail.kind")}>{labels.kind(shown.kind)}</Field>
                    <Field label={t("detail.trigger")}>{shown.trigger ? labels.trigger(shown.trigger) : none}</Field>
                    <Field label={t("detail.status")}>
                      <span className="flex flex-wrap items-center gap-2">
                        <StatusBadge status={shown.status} />
                        <span className="text-xs text-slate-500 dark:text-slate-400">
                          {t.rich("detail.reportedAs", {
                            status: <code className="font-mono">{shown.rawStatus}</code>,
                          })}
                        </span>
                      </span>
                    </Field>
                    <Field label={t("detail.started")}>
                      <Time iso={shown.startedAt} />
                    </Field>
                    <Field label={t("detail.ended")}>
                      <Time iso={shown.endedAt} />
                    </Field>
                    {shown.kind === "incremental" ? (
                      <Field label={t("detail.covers")}>
                        <LogSpan startedAt={shown.startedAt} endedAt={shown.endedAt} />
                      </Field>
                    ) : (
                      <Field label={t("detail.duration")}>{duration(shown.durationSeconds)}</Field>
                    )}
                    <Field label={t("detail.size")}>
                      {formatBytes(shown.sizeBytes, locale)}
                      {shown.sizeBytes !== null ? (
                        <span className="ml-2 text-xs text-slate-500 tabular-nums dark:text-slate-400">
                          {tLabels("bytes", { count: formatCount(shown.sizeBytes, locale) })}
                        </span>
                      ) : null}
                    </Field>
                    <Field label={t("detail.description")}>
                      {shown.description ? <span className="break-words">{shown.description}</span> : none}
                    </Field>
                    {shown.goneAt ? (
                      <Field label={t("detail.gone")}>
                        <span data-testid="detail-gone">
                          <Time iso={shown.goneAt} />
                        </span>
                      </Field>
                    ) : null}
                    <Field label={t("detail.firstSeen")}>
                      <Time iso={shown.firstSeenAt} />
                    </Field>
                    <Field label={t("detail.lastSeen")}>
                      <Time iso={shown.lastSeenAt} />
                    </Field>
                  </dl>
                </Section>
                <Section title={t("detail.instance")}>
                  <dl>
                    <Field label={t("detail.name")}>{shown.instanceName ?? none}</Field>
                    <Field label={t("detail.instanceId")}>
                      <Copyable value={shown.instanceId} label={t("detail.copyInstanceId")} />
                    </Field>
                    <Field label={t("detail.service")}>{labels.service(shown.service)}</Field>
                    <Field label={t("detail.engine")}>
                      {labels.engine(shown.engine)}
                      {shown.engineVersion ? ` ${shown.engineVersion}` : ""}
                    </Field>
                    <Field label={t("detail.region")}>{shown.region}</Field>
                    <Field label={t("detail.projectId")}>
                      <Copyable value={shown.projectId} label={t("detail.copyProjectId")} />
                    </Field>
                  </dl>
                  <button
                    type="button"
                    className={`${buttonClass} mt-2`}
                    onClick={() => onFilterInstance(shown.instanceId)}
                  >
                    <ListFilter aria-hidden="true" className="size-4" />
                    {t("detail.onlyThisInstance")}
                  </button>
                  <RestoreLink
                    instanceId={shown.instanceId}
                    at={shown.status === "completed" ? (shown.endedAt ?? undefined) : undefined}
                    className="mt-2 ml-2"
                  />
                </Section>
                <Section title={t("detail.serviceDetails", { service: labels.service(shown.service) })}>
                  {detailEntries.length > 0 ? (
                    <dl>
                      {detailEntries.map(([key, value]) => (
                        <Field key={key} label={labels.detailField(key)}>
                          <DetailValue field={key} value={value} locale={locale} messages={messages.labels} />
                        </Field>
                      ))}
                    </dl>
                  ) : (
                    <p className="text-sm text-slate-500 dark:text-slate-400">{t("detail.nothingMore")}</p>
                  )}
                </Section>
                <Section title={t("detail.rawRecord")}>
                  <div className="relative">
                    <pre
                      data-testid="raw-record"
                      className="max-h-96 overflow-auto rounded-md bg-slate-100 p-3 font-mono text-xs leading-relaxed dark:bg-slate-950"
                    >
                      {JSON.stringify(shown, null, 2)}
                    </pre>
                    <CopyButton
                      value={JSON.stringify(shown, null, 2)}
                      label={t("detail.copyRawRecord")}
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
