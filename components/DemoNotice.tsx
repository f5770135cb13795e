"use client";

import { FlaskConical } from "lucide-react";
import { useT } from "./i18n";

/** Demo mode (no credentials): none of these backups exist in a real account. */
export function DemoNotice() {
  const t = useT("dashboard");
  return (
    <div
      role="note"
      data-testid="demo-notice"
      className="border-b border-violet-200 bg-violet-50 px-4 py-2 text-sm text-violet-900 dark:border-violet-500/30 dark:bg-violet-500/10 dark:text-violet-100"
    >
      <p className="mx-auto flex max-w-[100rem] items-center gap-2">
        <FlaskConical aria-hidden="true" className="size-4 shrink-0" />
        <span>
          <strong className="font-semibold">{t("demo.title")}</strong> — {t("demo.text")}
        </span>
      </p>
    </div>
  );
}
