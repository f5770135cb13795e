"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { Check, ChevronDown, Languages } from "lucide-react";
import { isLocale, LOCALES } from "@/lib/i18n/locales";
import { useLocale, useSetLocale, useT } from "./i18n";
import { buttonClass, menuClass } from "./styles";

/**
 * The UI language: a menu of the languages, each by its own name. Choosing one stores it (a cookie the server
 * reads) and reloads, so the server-rendered text changes too. A menu rather than a `<select>`, whose arrow
 * keys would switch (and reload) on every step.
 */
export function LanguageSwitch() {
  const t = useT("common");
  const locale = useLocale();
  const setLocale = useSetLocale();
  const current = t(`languages.${locale}`);
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className={`${buttonClass} border-transparent bg-transparent shadow-none`}
        aria-label={t("languageCurrent", { language: current })}
        data-testid="language-switch"
      >
        <Languages aria-hidden="true" className="size-4" />
        <span lang={locale}>{current}</span>
        <ChevronDown aria-hidden="true" className="size-4 text-slate-400" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className={`${menuClass} w-44`}>
          <DropdownMenu.Label className="px-2 py-1.5 text-xs font-semibold text-slate-500 dark:text-slate-400">
            {t("language")}
          </DropdownMenu.Label>
          <DropdownMenu.RadioGroup
            value={locale}
            onValueChange={(value) => {
              if (isLocale(value) && value !== locale) setLocale(value);
            }}
          >
            {LOCALES.map((option) => (
              <DropdownMenu.RadioItem
                key={option}
                value={option}
                lang={option}
                className="relative flex cursor-default select-none items-center rounded py-1.5 pr-2 pl-8 text-sm outline-none data-highlighted:bg-slate-100 dark:data-highlighted:bg-slate-800"
              >
                <DropdownMenu.ItemIndicator className="absolute left-2 inline-flex">
                  <Check aria-hidden="true" className="size-4" />
                </DropdownMenu.ItemIndicator>
                {t(`languages.${option}`)}
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
