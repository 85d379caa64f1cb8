// The theme choice lives in localStorage under THEME_KEY: "light", "dark", or
// absent for "follow the system". The inline script applies it before the
// first paint; the toggle changes it later.
export const THEME_KEY = "lab-theme";
export const THEME_CHOICES = ["system", "light", "dark"] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

export const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem(${JSON.stringify(THEME_KEY)});if(t==="light"||t==="dark")document.documentElement.dataset.theme=t}catch(e){}})()`;
