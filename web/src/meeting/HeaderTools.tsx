import { InviteButton } from "./InviteButton";
import type { LayoutChoice } from "./layout";
import { LayoutMenu } from "./LayoutMenu";
import { MeetingTimer } from "./MeetingTimer";
import type { MeetingSession } from "./session";

interface Props {
  session: MeetingSession;
  layout: LayoutChoice;
  onLayout: (choice: LayoutChoice) => void;
  onHelp: () => void;
}

/** The header's right side: the timer, the layout, the invite, the shortcuts. */
export function HeaderTools({ session, layout, onLayout, onHelp }: Props) {
  return (
    <>
      <MeetingTimer />
      <span className="meeting-header-actions">
        <LayoutMenu value={layout} onChange={onLayout} />
        <InviteButton
          roomName={session.roomName}
          password={session.password}
          title={session.title}
          startTime={session.startTime}
        />
        <button type="button" className="btn btn-small" aria-keyshortcuts="Shift+?" onClick={onHelp}>
          <span aria-hidden="true">?</span>
          <span className="visually-hidden">Keyboard shortcuts</span>
        </button>
      </span>
    </>
  );
}
