import type { ApiClient, Meeting } from "../shared/api";
import { useModalDialog } from "../shared/ui/useModalDialog";
import { ScheduleForm } from "./ScheduleForm";

interface Props {
  api: ApiClient;
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
