import "@livekit/components-styles";
import "./meeting.css";
import { RoomAudioRenderer, RoomContext, StartAudio, useParticipants } from "@livekit/components-react";
import { useMemo, useState } from "react";
import { AdmissionPanel } from "./AdmissionPanel";
import { ChatPanel } from "./ChatPanel";
import { ConnectionBanner } from "./ConnectionBanner";
import { Controls, type Panel } from "./Controls";
import { DeviceSettings } from "./DeviceSettings";
import { ErrorBoundary } from "./ErrorBoundary";
import { MutedNotice } from "./MutedNotice";
import { participantApi } from "./participantApi";
import { ParticipantsPanel } from "./ParticipantsPanel";
import type { LeaveReason, MeetingSession } from "./session";
import { SidePanel } from "./SidePanel";
import { Stage } from "./Stage";
import { useChat } from "./useChat";
import { useRoomConnection } from "./useRoomConnection";

interface Props {
  session: MeetingSession;
  onLeave: (reason: LeaveReason) => void;
}

const PANEL_TITLES: Record<Panel, string> = {
  people: "People",
  chat: "Chat",
  settings: "Devices",
};

/** The call: video, controls, and the people / chat / devices panels. */
export default function MeetingView({ session, onLeave }: Props) {
  const connection = useRoomConnection(session, onLeave);
  const { room } = connection;
  const api = useMemo(
    () => participantApi(session.roomName, connection.token),
    // connection.token always reads the newest token, so it stays valid for the whole call
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [session.roomName],
  );
  const [panel, setPanel] = useState<Panel | null>(null);
  const chat = useChat(room, api, panel === "chat");

  return (
    <RoomContext.Provider value={room}>
      <div className="meeting" data-lk-theme="default">
        <header className="meeting-header">
          <h1>{session.title}</h1>
          {session.isHost && <span className="badge">Host</span>}
        </header>
        <ConnectionBanner
          failure={connection.failure}
          onRetry={connection.retry}
          onLeave={() => onLeave("lost")}
        />
        <MutedNotice />
        {session.isHost && (
          <AdmissionPanel room={room} roomName={session.roomName} token={connection.token} />
        )}
        <div className="meeting-body">
          <main className="meeting-stage" aria-label="Video">
            <ErrorBoundary label="the video">
              <Stage />
            </ErrorBoundary>
          </main>
          {panel && (
            <SidePanel title={PANEL_TITLES[panel]} onClose={() => setPanel(null)}>
              {/* keyed by panel: switching panels starts a failed one afresh */}
              <ErrorBoundary key={panel} label={`the ${PANEL_TITLES[panel].toLowerCase()}`}>
                {panel === "people" && <ParticipantsPanel api={api} isHost={session.isHost} />}
                {panel === "chat" && <ChatPanel chat={chat} localIdentity={session.identity} />}
                {panel === "settings" && <DeviceSettings />}
              </ErrorBoundary>
            </SidePanel>
          )}
        </div>
        {/* A landmark, so screen-reader users can jump to the controls. */}
        <footer className="meeting-footer">
          <ParticipantCountControls
            panel={panel}
            onPanel={setPanel}
            unread={chat.unread}
            // Unmounting disconnects the room (see useRoomConnection), in any state.
            onLeave={() => onLeave("left")}
          />
        </footer>
        <RoomAudioRenderer />
        <StartAudio label="Allow audio" className="btn btn-primary start-audio" />
      </div>
    </RoomContext.Provider>
  );
}

// Kept apart so participant events re-render only the bar, not the stage.
function ParticipantCountControls(props: Omit<Parameters<typeof Controls>[0], "participantCount">) {
  const participants = useParticipants();
  return <Controls {...props} participantCount={participants.length} />;
}
