"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { Check, Columns3 } from "lucide-react";
import type { BackupTable } from "./backupColumns";
import { useT } from "../i18n";
import { buttonClass, menuClass } from "../styles";

/** Shows or hides columns; the menu stays open while toggling. */
export function ColumnMenu({ table, onReset }: { table: BackupTable; onReset: () => void }) {
  const t = useT("dashboard");
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className={buttonClass} aria-label={t("columns.choose")}>
        <Columns3 aria-hidden="true" className="size-4" />
        <span className="max-sm:sr-only">{t("columns.title")}</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className={`${menuClass} w-56`}>
          <DropdownMenu.Label className="px-2 py-1.5 text-xs font-semibold text-slate-500 dark:text-slate-400">
            {t("columns.title")}
          </DropdownMenu.Label>
          {table.getAllLeafColumns().map((column) => (
            <DropdownMenu.CheckboxItem
              key={column.id}
              checked={column.getIsVisible()}
              disabled={!column.getCanHide()}
              onCheckedChange={(checked) => column.toggleVisibility(checked)}
              onSelect={(event) => event.preventDefault()}
              className="relative flex cursor-default select-none items-center rounded py-1.5 pr-2 pl-8 text-sm outline-none data-disabled:opacity-50 data-highlighted:bg-slate-100 dark:data-highlighted:bg-slate-800"
            >
              <DropdownMenu.ItemIndicator className="absolute left-2 inline-flex">
                <Check aria-hidden="true" className="size-4" />
              </DropdownMenu.ItemIndicator>
              {column.columnDef.meta?.label ?? column.id}
            </DropdownMenu.CheckboxItem>
          ))}
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200 dark:bg-slate-700" />
          <DropdownMenu.Item
            onSelect={onReset}
            className="cursor-default select-none rounded px-2 py-1.5 text-sm outline-none data-highlighted:bg-slate-100 dark:data-highlighted:bg-slate-800"
          >
            {t("columns.reset")}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
