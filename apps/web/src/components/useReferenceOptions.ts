import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useReference } from "../api/hooks";

export interface CodeOption {
  value: string;
  label: string;
  disabled?: boolean;
}

/** District and industry select options from /api/reference; historical districts are marked. */
export function useReferenceOptions() {
  const { t } = useTranslation();
  const ref = useReference();
  return useMemo(() => {
    const districts = ref.data?.districts ?? [];
    const industries = ref.data?.industries ?? [];
    const districtOptions: CodeOption[] = districts.map((d) => ({
      value: d.code,
      label: d.status === "historical" ? `${d.name}${t("enterprise.filters.historical")}` : d.name,
    }));
    /** For new or moved records: only districts that exist today. */
    const currentDistrictOptions: CodeOption[] = districts.map((d) => ({
      value: d.code,
      label: d.status === "historical" ? `${d.name}${t("enterprise.filters.historical")}` : d.name,
      disabled: d.status === "historical",
    }));
    const industryOptions: CodeOption[] = industries.map((i) => ({
      value: i.code,
      label: `${i.code} ${i.name}`,
    }));
    const districtName = new Map(districts.map((d) => [d.code, d.name]));
    return {
      loading: ref.isPending,
      error: ref.error,
      districtOptions,
      currentDistrictOptions,
      industryOptions,
      districtName: (code: string | null | undefined) => (code ? (districtName.get(code) ?? code) : ""),
    };
  }, [ref.data, ref.isPending, ref.error, t]);
}
