"use client";

import { History } from "lucide-react";
import Link from "next/link";
import { restoreSearchParams } from "@/lib/restore/query";
import { useT } from "../i18n";
import { buttonClass } from "../styles";

/** Opens the restore-point finder on an instance, and on a moment when one is given (a backup's end). */
export function RestoreLink({
  instanceId,
  at,
  className = "",
}: {
  instanceId: string;
  at?: string;
  className?: string;
}) {
  const t = useT("restore");
  return (
    <Link
      href={`/restore?${restoreSearchParams({ instance: instanceId, at })}`}
      className={`${buttonClass} ${className}`}
      data-testid="restore-link"
    >
      <History aria-hidden="true" className="size-4" />
      {t("link")}
    </Link>
  );
}
