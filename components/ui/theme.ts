/** Light, dark, or whatever the system says: kept in localStorage, applied as a class on <html>. */
export type ThemePreference = "system" | "light" | "dark";
export const THEME_KEY = "theme";

/**
 * Runs in <head> before the page paints, so a dark page never flashes light. The same rule as
 * `applyTheme`, written out because it runs before any bundle has loaded.
 */
export const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem("${THEME_KEY}");var d=t==="dark"||(t!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d)}catch(e){}})()`;

export function applyTheme(preference: ThemePreference) {
  const dark = preference === "dark" || (preference === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
}
