import { useTranslation } from "react-i18next";
import PolicyDetailPage from "./detail";
import { PublicPolicyShell } from "./public";

/** A policy's detail for anyone, without signing in (the same page as the signed-in one). */
export default function PublicPolicyDetailPage() {
  const { t } = useTranslation();
  return (
    <PublicPolicyShell>
      <PolicyDetailPage backTo="/open-policies" backLabel={t("policy.public.back")} />
    </PublicPolicyShell>
  );
}
