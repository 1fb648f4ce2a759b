import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en";
import zhCN, { type Messages } from "./zh-CN";

export type Lang = "zh-CN" | "en";
export const LANGS: readonly Lang[] = ["zh-CN", "en"];
const STORAGE_KEY = "dxc_lang";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: Messages };
  }
}

function initialLang(): Lang {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved === "en" || saved === "zh-CN") return saved;
  } catch {
    // storage unavailable (private mode): fall back to the default
  }
  return "zh-CN";
}

function applyDocumentLang(lang: Lang): void {
  dayjs.locale(lang === "en" ? "en" : "zh-cn");
  document.documentElement.lang = lang;
  document.title = lang === "en" ? en.app.name : zhCN.app.name;
}

const lang = initialLang();

void i18n.use(initReactI18next).init({
  resources: { "zh-CN": { translation: zhCN }, en: { translation: en } },
  lng: lang,
  fallbackLng: "zh-CN",
  defaultNS: "translation",
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyDocumentLang(lang);

export function currentLang(): Lang {
  return i18n.language === "en" ? "en" : "zh-CN";
}

export async function changeLang(next: Lang): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // ignore: the choice then lasts for this page only
  }
  applyDocumentLang(next);
  await i18n.changeLanguage(next);
}

export default i18n;
