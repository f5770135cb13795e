"use client";

import { useQuery } from "@tanstack/react-query";
import { Clock, LoaderCircle } from "lucide-react";
import { type FormEvent, useId, useState } from "react";
import { parseQuery } from "@/lib/params";
import { type RestoreQuery, restoreSearchParams, restoreViewSchema } from "@/lib/restore/query";
import { AppNav } from "../AppNav";
import { ApiError, failureOf } from "../api";
import { DemoNotice } from "../DemoNotice";
import { ErrorState } from "../ErrorState";
import { fromDateTimeLocalInput } from "../format";
import { InvalidQueryNotice } from "../InvalidQueryNotice";
import { useT } from "../i18n";
import { LanguageSwitch } from "../LanguageSwitch";
import { SourceErrorsBanner } from "../SourceErrorsBanner";
import { buttonClass, inputClass, primaryButtonClass } from "../styles";
import { queryKey, RESTORE_POINT_ROOT } from "../queryKeys";
import { useHydrated } from "../useHydrated";
import { useUrlQuery } from "../useUrlQuery";
import { fetchRestorePoint } from "./api";
import { InstanceCombobox } from "./InstanceCombobox";
import { toPreciseLocalInput } from "./localInput";
import { RestoreAnswerView } from "./RestoreAnswerView";
import { RestoreWindows } from "./RestoreWindows";

type RestoreView = Partial<Pick<RestoreQuery, "instance" | "at">>;

// Both parameters are optional in the page's URL (the API needs both); unknown ones are ignored.
const parseView = (params: URLSearchParams) => parseQuery(restoreViewSchema, params, { unknown: "ignore" });
const viewSearch = (view: RestoreView) => restoreSearchParams(view).toString();

const MINUTE_MS = 60_000;

/** The restore-point finder: an instance and a moment in the URL, and the backups that restore it (or why not). */
export function RestoreFinder({ mode }: { mode: "demo" | "cloud" }) {
  const t = useT("restore");
  const { query, issues, show } = useUrlQuery(parseView, viewSearch);
  return (
    <div className="min-h-screen bg-slate-50 dark:bg-slate-950">
      {mode === "demo" ? <DemoNotice /> : null}
      <main className="mx-auto max-w-6xl space-y-4 px-4 py-5 sm:px-6">
        <header className="space-y-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <AppNav current="restore" />
            <LanguageSwitch />
          </div>
          <div>
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">{t("title")}</h1>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t("subtitle")}</p>
          </div>
        </header>
        {issues.length > 0 ? <InvalidQueryNotice issues={issues} title={t("invalidLink")} inline /> : null}
        <Finder view={query ?? {}} show={show} />
      </main>
    </div>
  );
}

function Finder({ view, show }: { view: RestoreView; show: (next: RestoreView) => void }) {
  const t = useT("restore");
  const hydrated = useHydrated();
  const timeId = useId();
  const problemId = useId();
  const [text, setText] = useState("");
  const [shown, setShown] = useState<{ at: string | undefined; hydrated: boolean }>({ at: undefined, hydrated: false });
  const [problem, setProblem] = useState<string | null>(null);
  // The box shows the URL's moment in the browser's zone, which is known once hydrated; it follows the URL.
  if (shown.at !== view.at || shown.hydrated !== hydrated) {
    setShown({ at: view.at, hydrated });
    setText(hydrated && view.at ? toPreciseLocalInput(view.at) : "");
  }

  // Without a moment, the instance's windows are still worth showing: asked for at the page's "now".
  const [probeAt] = useState(() => new Date(Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS - MINUTE_MS).toISOString());
  const instance = view.instance;
  const at = view.at ?? probeAt;
  const answer = useQuery({
    queryKey: queryKey(RESTORE_POINT_ROOT, instance ?? null, at),
    queryFn: ({ signal }) => fetchRestorePoint({ instance: instance ?? "", at }, signal),
    enabled: instance !== undefined,
    staleTime: 60_000,
    retry: (count, error) => error instanceof ApiError && error.failure.status === null && count < 2,
  });

  function check(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = fromDateTimeLocalInput(text);
    if (!view.instance) return setProblem(t("form.pickInstance"));
    if (next === null) return setProblem(t("form.incomplete"));
    setProblem(null);
    show({ instance: view.instance, at: next });
  }

  const choose = (time: string) => show({ instance, at: time });
  const data = answer.data;

  return (
    <>
      <form
        onSubmit={check}
        noValidate
        aria-label={t("form.label")}
        className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-[minmax(0,1fr)_auto_auto] sm:items-end dark:border-slate-800 dark:bg-slate-900"
      >
        <div className="grid gap-1 text-sm">
          <span className="font-medium">{t("form.instance")}</span>
          <InstanceCombobox value={instance ?? null} onChange={(id) => show({ instance: id, at: view.at })} />
        </div>
        <div className="grid gap-1 text-sm">
          <label htmlFor={timeId} className="font-medium">
            {t("form.at")}
          </label>
          <div className="flex gap-2">
            <input
              id={timeId}
              type="datetime-local"
              step="any"
              value={text}
              onChange={(event) => setText(event.target.value)}
              aria-describedby={problem ? problemId : undefined}
              className={`${inputClass} min-w-0 flex-1 tabular-nums`}
            />
            <button
              type="button"
              className={buttonClass}
              onClick={() =>
                setText(toPreciseLocalInput(new Date(Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS).toISOString()))
              }
            >
              <Clock aria-hidden="true" className="size-4" />
              {t("form.now")}
            </button>
          </div>
        </div>
        <button type="submit" className={`${primaryButtonClass} justify-center`}>
          {t("form.check")}
        </button>
        {problem ? (
          <p id={problemId} role="alert" className="text-sm text-red-700 sm:col-span-3 dark:text-red-300">
            {problem}
          </p>
        ) : null}
      </form>
      {data ? <SourceErrorsBanner sources={data.sources} /> : null}
      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div aria-live="polite">
          {!instance || !view.at ? (
            <p className="rounded-lg border border-dashed border-slate-300 p-6 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
              {t("start")}
            </p>
          ) : answer.isError ? (
            <ErrorState
              failure={failureOf(answer.error)}
              retrying={answer.isFetching}
              onRetry={() => answer.refetch()}
              onClearFilters={null}
            />
          ) : data ? (
            <div className={`transition-opacity ${answer.isFetching ? "opacity-60" : ""}`}>
              <RestoreAnswerView answer={data} onChooseTime={choose} />
            </div>
          ) : (
            <p role="status" className="flex items-center gap-2 p-6 text-sm text-slate-600 dark:text-slate-400">
              <LoaderCircle aria-hidden="true" className="size-4 animate-spin" />
              {t("checking")}
            </p>
          )}
        </div>
        {instance && data?.instance ? (
          <RestoreWindows windows={data.windows} chosen={view.at ?? null} onChooseTime={choose} />
        ) : null}
      </div>
    </>
  );
}
