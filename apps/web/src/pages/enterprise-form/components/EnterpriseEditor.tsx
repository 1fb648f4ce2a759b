import { Alert, App, Button, Form, Space, Spin } from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ApiError, errorMessage } from "../../../api/client";
import { useCreateEnterprise, useRevealContact, useUpdateEnterprise } from "../../../api/hooks";
import type { Contact, EnterpriseDetail } from "../../../api/types";
import { useCurrentUser } from "../../../auth/context";
import { applyServerFieldError } from "../../../utils/serverErrors";
import {
  apiPathToFormPath,
  type BodyKey,
  changedFields,
  type EnterpriseFormValues,
  emptyFormValues,
  toBody,
  toCreateRequest,
  toFormValues,
} from "../formModel";
import { EnterpriseFields } from "./EnterpriseFields";

type Props =
  | { mode: "create"; detail?: undefined; onReload?: undefined }
  | { mode: "edit"; detail: EnterpriseDetail; onReload: () => Promise<void> };

type ContactState =
  | { status: "loading" }
  | { status: "ready"; contact: Contact | null }
  | { status: "failed" };

/** The enterprise form for create and edit; on edit it sends only changed, editable fields plus `version`. */
export function EnterpriseEditor({ mode, detail: loaded, onReload }: Props) {
  const { t } = useTranslation();
  // The record as it was when editing began: its `version` and values are the base of the save, and a
  // background refresh must never move that base (it would overwrite someone else's change silently).
  const [detail] = useState(loaded);
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<EnterpriseFormValues>();
  const create = useCreateEnterprise();
  const update = useUpdateEnterprise(detail?.id ?? "");
  const reveal = useRevealContact(detail?.id ?? "");
  const [submitError, setSubmitError] = useState<string | null>(null);

  const editable = detail?.permissions.editableFields ?? null;
  const canEdit = useMemo(
    () =>
      (key: BodyKey): boolean =>
        mode === "create" || editable === null || editable.includes(key),
    [mode, editable],
  );
  const contactEditable = mode === "edit" && (canEdit("contactName") || canEdit("contactPhone"));
  const hasContact = !!detail && (detail.contactName !== null || detail.contactPhone !== null);

  // On edit, load the unmasked contact once (audit-logged) so that saving never writes masked values.
  const [contact, setContact] = useState<ContactState>(() =>
    contactEditable && hasContact ? { status: "loading" } : { status: "ready", contact: null },
  );
  const revealStarted = useRef(false);
  const revealContact = reveal.mutate;
  useEffect(() => {
    if (contact.status !== "loading" || revealStarted.current) return;
    revealStarted.current = true;
    revealContact(undefined, {
      onSuccess: (c) => setContact({ status: "ready", contact: c }),
      onError: () => setContact({ status: "failed" }),
    });
  }, [contact.status, revealContact]);

  /** The values the form started from, for the change diff. */
  const initialValues = useMemo<EnterpriseFormValues | null>(() => {
    if (mode === "create") return emptyFormValues(me.role === "district_admin" ? me.districtCode : undefined);
    if (!detail || contact.status === "loading") return null;
    return toFormValues(detail, contact.status === "ready" ? contact.contact : null);
  }, [mode, detail, contact, me.role, me.districtCode]);

  const contactLocked = mode === "edit" && hasContact && contact.status === "failed";

  const showConflict = () => {
    modal.confirm({
      title: t("enterprise.versionConflictTitle"),
      content: t("enterprise.versionConflict"),
      okText: t("enterprise.reloadLatest"),
      cancelText: t("common.cancel"),
      closable: true,
      onOk: () => onReload?.(),
    });
  };

  const onError = (e: unknown) => {
    if (e instanceof ApiError && e.code === "VERSION_CONFLICT") {
      showConflict();
      return;
    }
    if (applyServerFieldError(form, e, apiPathToFormPath)) {
      setSubmitError(null);
      return;
    }
    setSubmitError(errorMessage(e));
  };

  const onFinish = (values: EnterpriseFormValues) => {
    setSubmitError(null);
    if (mode === "create") {
      create.mutate(toCreateRequest(values), {
        onSuccess: (created) => {
          void message.success(t("enterprise.created"));
          navigate(`/enterprises/${created.id}`, { replace: true });
        },
        onError,
      });
      return;
    }
    if (!initialValues || !detail) return;
    const lockedContact = contactLocked || (hasContact && contact.status !== "ready");
    const changes = changedFields(
      toBody(initialValues),
      toBody(values),
      (k) => canEdit(k) && !(lockedContact && (k === "contactName" || k === "contactPhone")),
    );
    if (Object.keys(changes).length === 0) {
      void message.info(t("enterprise.noChanges"));
      navigate(`/enterprises/${detail.id}`);
      return;
    }
    update.mutate(
      { ...changes, version: detail.version },
      {
        onSuccess: () => {
          void message.success(t("enterprise.updated"));
          navigate(`/enterprises/${detail.id}`);
        },
        onError,
      },
    );
  };

  if (!initialValues) {
    return (
      <div style={{ padding: 48, textAlign: "center" }}>
        <Spin />
      </div>
    );
  }

  const saving = create.isPending || update.isPending;
  const cancelTo = detail ? `/enterprises/${detail.id}` : "/enterprises";

  return (
    <Form<EnterpriseFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      onFinishFailed={({ errorFields }) => {
        const first = errorFields[0];
        if (first) form.scrollToField(first.name, { block: "center" });
      }}
      scrollToFirstError={false}
      data-testid="enterprise-form"
    >
      {contactLocked ? (
        <Alert
          type="warning"
          showIcon
          title={t("enterprise.contactLoadFailed")}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {submitError ? (
        <Alert
          type="error"
          showIcon
          title={t("enterprise.submitFailed")}
          description={submitError}
          style={{ marginBottom: 16 }}
          data-testid="form-error"
        />
      ) : null}
      <EnterpriseFields
        mode={mode}
        canEdit={canEdit}
        districtLocked={me.role === "district_admin"}
        contactLocked={contactLocked}
      />
      <Space>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="enterprise-save">
          {t("common.save")}
        </Button>
        <Button onClick={() => navigate(cancelTo)} disabled={saving}>
          {t("common.cancel")}
        </Button>
      </Space>
    </Form>
  );
}
