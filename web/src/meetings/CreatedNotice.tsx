import { useEffect, useRef } from "react";
import type { Meeting } from "../shared/api";
import { CopyButton } from "../shared/ui/CopyButton";
import { CopyField } from "../shared/ui/CopyField";
import { invitationText } from "./invitation";

interface Props {
  meeting: Meeting;
  onDismiss: () => void;
}

/** Shown after scheduling or launching: the guest link and invitation, ready to copy. */
export function CreatedNotice({ meeting, onDismiss }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Move focus here so keyboard and screen-reader users land on the result.
  useEffect(() => heading.current?.focus(), [meeting.id]);

  return (
    <section className="card created" aria-labelledby="created-heading">
      <h2 id="created-heading" ref={heading} tabIndex={-1}>
        {meeting.status === "ACTIVE" ? "Live now" : "Scheduled"}: {meeting.title}
      </h2>
      <CopyField id="created-join-url" label="Join link" value={meeting.joinUrl} copyLabel="Copy join link" />
      <p className="muted created-hint">
        The host link is in the meeting’s details. Send guests the join link or the invitation.
      </p>
      <div className="created-actions">
        <a className="btn btn-primary" href={meeting.hostJoinUrl} target="_blank" rel="noreferrer">
          Join as host
        </a>
        <CopyButton text={invitationText(meeting)} label="Copy invitation" className="btn" />
        <button type="button" className="btn" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </section>
  );
}
