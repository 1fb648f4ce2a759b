import { Alert, Button, Card, Result, Skeleton, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useEnterprise } from "../../api/hooks";
import { QueryError } from "../../components/QueryError";
import { EnterpriseEditor } from "./components/EnterpriseEditor";

/** /enterprises/new and /enterprises/:id/edit. */
export default function EnterpriseFormPage() {
  const { id } = useParams();
  return id ? <EditEnterprise id={id} /> : <CreateEnterprise />;
}

function CreateEnterprise() {
  const { t } = useTranslation();
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t("enterprise.newEnterprise")}
      </Typography.Title>
      <EnterpriseEditor mode="create" />
    </div>
  );
}

function EditEnterprise({ id }: { id: string }) {
  const { t } = useTranslation();
  const q = useEnterprise(id);
  /** Bumped by "reload after conflict": remounts the editor on the freshly loaded record. */
  const [generation, setGeneration] = useState(0);
  const [reloading, setReloading] = useState(false);

  const reload = async () => {
    setReloading(true);
    try {
      await q.refetch();
      setGeneration((g) => g + 1);
    } finally {
      setReloading(false);
    }
  };

  if (q.isPending || reloading) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const detail = q.data;
  if (!detail.permissions.update) {
    return (
      <Result
        status="403"
        title={t("enterprise.noPermission")}
        extra={
          <Link to={`/enterprises/${id}`}>
            <Button>{t("common.back")}</Button>
          </Link>
        }
      />
    );
  }
  return (
    <div>
      <Space align="baseline" style={{ marginBottom: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("enterprise.editEnterprise")}
        </Typography.Title>
        <Typography.Text type="secondary">{detail.name}</Typography.Text>
      </Space>
      {detail.permissions.editableFields !== null ? (
        <Alert type="info" showIcon title={t("enterprise.notEditableHint")} style={{ marginBottom: 16 }} />
      ) : null}
      <Card variant="borderless" styles={{ body: { padding: 0 } }} style={{ background: "transparent" }}>
        <EnterpriseEditor key={`${detail.id}:${generation}`} mode="edit" detail={detail} onReload={reload} />
      </Card>
    </div>
  );
}
