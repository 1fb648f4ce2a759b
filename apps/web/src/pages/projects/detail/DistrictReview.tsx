import { DISTRICT_DECISIONS, formatFenAsWanYuan } from "@dxcenter/domain";
import { Button, Form, Input, Modal, Radio } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type DistrictReviewBody, type ProjectDetail, useDistrictReview } from "../../../api/projects";
import { useRun } from "./useRun";

type Values = Omit<DistrictReviewBody, "version">;

/** 区级初审: approve to the city, return for changes or reject, with an opinion and the approved equipment amount. */
export function DistrictReviewButton({ p }: { p: ProjectDetail }) {
  const { t } = useTranslation();
  const run = useRun();
  const m = useDistrictReview(p.id);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="project-district-review">
        {t("project.detail.districtReview")}
      </Button>
      <Modal
        open={open}
        title={t("project.detail.districtReview")}
        onCancel={() => setOpen(false)}
        okButtonProps={{ loading: m.isPending, id: "project-district-ok" }}
        onOk={() =>
          void form.validateFields().then(async (v) => {
            if (await run(() => m.mutateAsync({ version: p.version, ...v }))) setOpen(false);
          })
        }
      >
        <Form<Values> form={form} layout="vertical" initialValues={{ decision: "approve" }}>
          <Form.Item name="decision" label={t("project.detail.decision")}>
            <Radio.Group
              options={DISTRICT_DECISIONS.map((d) => ({ value: d, label: t(`project.decisions.${d}`) }))}
            />
          </Form.Item>
          <Form.Item name="approvedEquipmentWan" label={t("project.detail.approvedEquipment")}>
            <Input placeholder={formatFenAsWanYuan(p.equipmentInvestmentFen).replace(/,/g, "")} />
          </Form.Item>
          <Form.Item name="opinion" label={t("project.detail.opinion")} rules={[{ required: true }]}>
            <Input.TextArea rows={3} data-testid="project-district-opinion" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
