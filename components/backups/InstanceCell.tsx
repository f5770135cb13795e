"use client";

import * as Tooltip from "@radix-ui/react-tooltip";
import { CopyButton } from "../CopyButton";
import { useT } from "../i18n";

/** The instance's name; its ID on hover, and a button that copies the ID. */
export function InstanceCell({ name, id }: { name: string | null; id: string }) {
  const t = useT("dashboard");
  return (
    <span className="flex max-w-44 items-center gap-1">
      <Tooltip.Root>
        <Tooltip.Trigger asChild>
          <span className={`truncate ${name ? "" : "font-mono text-xs"}`}>{name ?? id}</span>
        </Tooltip.Trigger>
        <Tooltip.Portal>
          <Tooltip.Content
            side="top"
            align="start"
            sideOffset={4}
            className="z-50 rounded-md bg-slate-900 px-2 py-1 text-xs text-white shadow-lg dark:bg-slate-100 dark:text-slate-900"
          >
            {t.rich("instanceCell.id", { id: <span className="font-mono">{id}</span> })}
            <Tooltip.Arrow className="fill-slate-900 dark:fill-slate-100" />
          </Tooltip.Content>
        </Tooltip.Portal>
      </Tooltip.Root>
      <CopyButton
        value={id}
        label={t("instanceCell.copy", { id })}
        className="pointer-fine:opacity-0 pointer-fine:group-hover:opacity-100 pointer-fine:group-focus-within:opacity-100"
      />
    </span>
  );
}
