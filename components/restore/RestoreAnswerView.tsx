"use client";

import { CircleCheck, CircleX } from "lucide-react";
import { type ReactNode, useState } from "react";
import { pluralForm } from "@/lib/i18n/translator";
import type { Backup } from "@/lib/inventory/model";
import type { RestorePointAnswer } from "@/lib/restore/model";
import { useFormatters, useLocale, useT } from "../i18n";
import { LocalTime } from "../LocalTime";
import { LogSpan } from "../LogSpan";
import { engineLabel, SERVICE_LABELS } from "../labels";
import { buttonClass, focusRing } from "../styles";

/** Chains longer than this show their first and last links, with the rest a click away. */
const SHORT_CHAIN = 6;
const HEAD = 3;
const TAIL = 2;

/** The finder's answer: the backups to restore in order, or why the point cannot be reached and what can. */
export function RestoreAnswerView({
  answer,
  onChooseTime,
}: {
  answer: RestorePointAnswer;
  onChooseTime: (at: string) => void;
}) {
  const t = useT("restore");
  return (
    <section
      aria-labelledby="restore-answer-title"
      data-testid="restore-answer"
      data-reachable={answer.reachable}
      className={`rounded-lg border bg-white p-5 shadow-sm dark:bg-slate-900 ${
        answer.reachable ? "border-emerald-300 dark:border-emerald-500/40" : "border-red-300 dark:border-red-500/40"
      }`}
    >
      <h2 id="restore-answer-title" className="flex items-start gap-2 text-lg font-semibold">
        {answer.reachable ? (
          <CircleCheck aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-emerald-600 dark:text-emerald-400" />
        ) : (
          <CircleX aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-red-600 dark:text-red-400" />
        )}
        <span>
          {t.rich(answer.reachable ? "reachable.title" : "unreachable.title", {
            time: <LocalTime iso={answer.at} withSeconds />,
          })}
        </span>
      </h2>
      {answer.instance ? (
        <p className="mt-1 sm:ml-7 text-sm text-slate-600 dark:text-slate-400">
          <span className="font-medium text-slate-900 dark:text-slate-100">
            {answer.instance.name ?? answer.instance.id}
          </span>{" "}
          ·{" "}
          {t("instance.details", {
            service: SERVICE_LABELS[answer.instance.service],
            engine: engineLabel(answer.instance.engine),
            region: answer.instance.region,
          })}
        </p>
      ) : null}
      {answer.reachable ? (
        <Chain answer={answer} />
      ) : (
        <>
          <p className="mt-3 sm:ml-7 text-sm text-slate-800 dark:text-slate-200" data-reason={answer.reason}>
            {t(`reason.${answer.reason}`)}
          </p>
          <Nearest nearest={answer.nearest} onChooseTime={onChooseTime} />
        </>
      )}
    </section>
  );
}

function Nearest({
  nearest,
  onChooseTime,
}: {
  nearest: { before: string | null; after: string | null };
  onChooseTime: (at: string) => void;
}) {
  const t = useT("restore");
  const points = [
    { key: "before", at: nearest.before },
    { key: "after", at: nearest.after },
  ] as const;
  const present = points.filter((point) => point.at !== null);
  return (
    <div className="mt-4 sm:ml-7">
      <h3 className="text-sm font-semibold">{t("nearest.title")}</h3>
      {present.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t("nearest.none")}</p>
      ) : (
        <div className="mt-2 flex flex-wrap gap-2">
          {present.map(({ key, at }) =>
            at ? (
              <button
                key={key}
                type="button"
                className={buttonClass}
                onClick={() => onChooseTime(at)}
                data-testid={`nearest-${key}`}
              >
                {t.rich(`nearest.${key}`, { time: <LocalTime iso={at} withSeconds /> })}
              </button>
            ) : null,
          )}
        </div>
      )}
    </div>
  );
}

type ReachableAnswer = Extract<RestorePointAnswer, { reachable: true }>;

function Chain({ answer }: { answer: ReachableAnswer }) {
  const t = useT("restore");
  const locale = useLocale();
  const [showAll, setShowAll] = useState(false);
  const { incrementals, differential } = answer;
  const count = incrementals.length;
  const summary =
    count === 0
      ? differential
        ? t("reachable.withDifferential")
        : t("reachable.atBackupEnd")
      : differential
        ? t(`reachable.chainAfterDifferential.${pluralForm(locale, count)}`, { count })
        : t(`reachable.chain.${pluralForm(locale, count)}`, { count });
  const bases: Backup[] = [answer.base, ...(differential ? [differential] : [])];
  const collapsed = !showAll && count > SHORT_CHAIN;
  const hidden = count - HEAD - TAIL;
  const rows: ReactNode[] = bases.map((backup, index) => (
    <li key={backup.id}>
      <ChainStep backup={backup} step={index + 1} />
    </li>
  ));
  incrementals.forEach((backup, index) => {
    if (collapsed && index >= HEAD && index < count - TAIL) {
      if (index === HEAD)
        rows.push(
          <li
            key="hidden"
            className="flex items-center gap-3 rounded-md border border-dashed border-slate-300 px-3 py-2 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400"
          >
            {t("chain.hidden", { count: hidden })}
            <button
              type="button"
              onClick={() => setShowAll(true)}
              className={`rounded font-medium text-blue-700 hover:underline dark:text-blue-300 ${focusRing}`}
            >
              {t("chain.showAll", { count })}
            </button>
          </li>,
        );
      return;
    }
    rows.push(
      <li key={backup.id}>
        <ChainStep backup={backup} step={bases.length + index + 1} />
      </li>,
    );
  });

  return (
    <div className="mt-3 sm:ml-7">
      <p className="text-sm text-slate-800 dark:text-slate-200">{summary}</p>
      <h3 className="mt-4 text-sm font-semibold">{t("chain.title")}</h3>
      <ol className="mt-2 space-y-2" data-testid="restore-chain">
        {rows}
      </ol>
      {showAll && count > SHORT_CHAIN ? (
        <button
          type="button"
          onClick={() => setShowAll(false)}
          className={`mt-2 rounded text-sm font-medium text-blue-700 hover:underline dark:text-blue-300 ${focusRing}`}
        >
          {t("chain.showFewer")}
        </button>
      ) : null}
      <p className="mt-3 text-sm text-slate-600 dark:text-slate-400" data-testid="restore-until">
        {t.rich("reachable.until", { time: <LocalTime iso={answer.restoreUntil} withSeconds /> })}
      </p>
    </div>
  );
}

function ChainStep({ backup, step }: { backup: Backup; step: number }) {
  const t = useT("restore");
  const { bytes } = useFormatters();
  return (
    <div
      className="grid gap-x-4 gap-y-1 rounded-md border border-slate-200 px-3 py-2 text-sm sm:grid-cols-[7rem_1fr_auto] dark:border-slate-800"
      data-backup-id={backup.id}
      data-kind={backup.kind}
    >
      <div>
        <span className="block text-xs text-slate-500 dark:text-slate-400">{t("chain.step", { step })}</span>
        <span className="font-medium">{t(`chain.kind.${backup.kind}`)}</span>
      </div>
      <div className="min-w-0">
        <span className="block truncate">{backup.name ?? backup.id}</span>
        <span className="block truncate font-mono text-xs text-slate-500 dark:text-slate-400">{backup.id}</span>
      </div>
      <dl className="grid grid-cols-[auto_auto] gap-x-2 text-xs text-slate-600 sm:text-right dark:text-slate-400">
        {backup.kind === "incremental" ? (
          <>
            <dt>{t("chain.covers")}</dt>
            <dd>
              <LogSpan startedAt={backup.startedAt} endedAt={backup.endedAt} />
            </dd>
          </>
        ) : (
          <>
            <dt>{t("chain.started")}</dt>
            <dd>
              <LocalTime iso={backup.startedAt} withSeconds />
            </dd>
            <dt>{t("chain.ended")}</dt>
            <dd>{backup.endedAt ? <LocalTime iso={backup.endedAt} withSeconds /> : "—"}</dd>
          </>
        )}
        <dt>{t("chain.size")}</dt>
        <dd className="tabular-nums">{bytes(backup.sizeBytes)}</dd>
      </dl>
    </div>
  );
}
