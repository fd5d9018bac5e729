"use client";
import { useEffect, useState } from "react";
import { applyTheme, THEME_KEY, type ThemePreference } from "@/components/ui/theme";

const stored = (): ThemePreference => {
  if (typeof window === "undefined") return "system";
  const value = window.localStorage.getItem(THEME_KEY);
  return value === "light" || value === "dark" ? value : "system";
};

/** The viewer's theme preference and its setter; while it is "system", follows the system's changes. */
export function useTheme() {
  const [preference, setPreference] = useState<ThemePreference>(stored);
  useEffect(() => {
    applyTheme(preference);
    if (preference !== "system") return;
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const follow = () => applyTheme("system");
    media.addEventListener("change", follow);
    return () => media.removeEventListener("change", follow);
  }, [preference]);
  const choose = (next: ThemePreference) => {
    if (next === "system") window.localStorage.removeItem(THEME_KEY);
    else window.localStorage.setItem(THEME_KEY, next);
    setPreference(next);
  };
  return { preference, choose };
}
