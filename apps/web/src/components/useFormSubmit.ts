import { App, type FormInstance } from "antd";
import { errorMessage } from "../api/client";
import { applyServerFieldError, type NamePath } from "../utils/serverErrors";

interface FormSubmitOptions {
  /** The success message. */
  done: string;
  /** Called after the success message (closes the modal). */
  onClose: () => void;
  /** Renames API field names to form field names for server errors. */
  mapField?: (path: NamePath) => NamePath;
}

/**
 * The OK handler of a form in a modal: validates (antd shows the field errors), saves the values,
 * then shows `done` and closes. A server error goes onto its form field when the form has it, else
 * into an error message; the modal stays open.
 */
export function useFormSubmit<V>(
  form: FormInstance<V>,
  save: (values: V) => Promise<unknown>,
  { done, onClose, mapField }: FormSubmitOptions,
): () => void {
  const { message } = App.useApp();
  const submit = async (values: V) => {
    try {
      await save(values);
      void message.success(done);
      onClose();
    } catch (e) {
      if (!applyServerFieldError(form, e, mapField)) void message.error(errorMessage(e));
    }
  };
  return () => void form.validateFields().then(submit, () => undefined);
}
