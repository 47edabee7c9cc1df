import type { ApiClient, Meeting } from "../shared/api";
import { Modal } from "../shared/ui/Modal";
import { ScheduleForm } from "./ScheduleForm";

interface Props {
  api: ApiClient;
  meeting: Meeting;
  onSaved: (meeting: Meeting) => void;
  onClose: () => void;
}

/** The meeting's form in a modal; focus goes back to its Edit button when it closes. */
export function EditDialog({ api, meeting, onSaved, onClose }: Props) {
  return (
    <Modal className="dialog detail" labelledBy="edit-heading" onClose={onClose}>
      <ScheduleForm api={api} meeting={meeting} onSaved={onSaved} onClose={onClose} />
    </Modal>
  );
}
