import type { Meeting } from "../shared/types";
import { useModalDialog } from "../shared/ui/useModalDialog";
import type { AdminApi } from "./adminApi";
import { ScheduleForm } from "./ScheduleForm";

interface Props {
  api: AdminApi;
  meeting: Meeting;
  onSaved: (meeting: Meeting) => void;
  onClose: () => void;
}

/** The meeting's form in a modal; focus goes back to its Edit button when it closes. */
export function EditDialog({ api, meeting, onSaved, onClose }: Props) {
  const ref = useModalDialog();
  return (
    <dialog
      ref={ref}
      className="dialog detail"
      aria-labelledby="edit-heading"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <ScheduleForm api={api} meeting={meeting} onSaved={onSaved} onClose={onClose} />
    </dialog>
  );
}
