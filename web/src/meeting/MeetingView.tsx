import "@livekit/components-styles";
import "./meeting.css";
import "./comforts.css";
import { RoomAudioRenderer, RoomContext, StartAudio, useParticipants } from "@livekit/components-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { apiClient } from "../shared/api";
import { AdmissionPanel } from "./AdmissionPanel";
import { ChatPanel } from "./ChatPanel";
import { ChatToast } from "./ChatToast";
import { ConnectionBanner } from "./ConnectionBanner";
import { Controls, type Panel } from "./Controls";
import { DeviceSettings } from "./DeviceSettings";
import { EndingBanner } from "./EndingBanner";
import { endReason } from "./endReason";
import { ErrorBoundary } from "./ErrorBoundary";
import { hostApi } from "./hostApi";
import { HostMenu } from "./HostMenu";
import { LeaveDialog } from "./LeaveDialog";
import { HandsList } from "./HandsList";
import { HeaderTools } from "./HeaderTools";
import { type LayoutChoice, loadLayout, saveLayout } from "./layout";
import { MutedNotice } from "./MutedNotice";
import { participantApi } from "./participantApi";
import { ParticipantsPanel } from "./ParticipantsPanel";
import { PermissionNotice } from "./PermissionNotice";
import { ReactionBar } from "./ReactionBar";
import type { LeaveReason, MeetingSession } from "./session";
import { ShortcutsDialog } from "./ShortcutsDialog";
import { SidePanel } from "./SidePanel";
import { Stage } from "./Stage";
import { TileExtrasContext } from "./tileExtras";
import { useChat } from "./useChat";
import { type MeetingState, useMeetingState } from "./useMeetingState";
import { useHands } from "./useHands";
import { useReactions } from "./useReactions";
import { useRoomConnection } from "./useRoomConnection";
import { useShortcuts } from "./useShortcuts";

interface Props {
  session: MeetingSession;
  onLeave: (reason: LeaveReason) => void;
}

// The room summary needs no token.
const roomsApi = apiClient();

const PANEL_TITLES: Record<Panel, string> = {
  people: "People",
  chat: "Chat",
  settings: "Devices",
};

/** The call: video, controls, and the people / chat / devices panels. */
export default function MeetingView({ session, onLeave }: Props) {
  // Read when the room goes, long after `meeting` below is set.
  const meetingState = useRef<MeetingState | null>(null);
  // The lookup of who ended the meeting, dropped if this view goes first.
  const ending = useRef<AbortController | null>(null);
  useEffect(() => () => ending.current?.abort(), []);
  const connection = useRoomConnection(session, (reason) => {
    if (reason !== "ended") {
      onLeave(reason);
      return;
    }
    const gone = new AbortController();
    ending.current = gone;
    const packetSeen = () => meetingState.current?.endedByHost() ?? false;
    void endReason(roomsApi, session.roomName, packetSeen, { signal: gone.signal }).then(
      (why) => {
        if (!gone.signal.aborted) onLeave(why);
      },
    );
  });
  const { room } = connection;
  const api = useMemo(
    () => participantApi(session.roomName, connection.token),
    // connection.token always reads the newest token, so it stays valid for the whole call
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [session.roomName],
  );
  const host = useMemo(
    () => hostApi(session.roomName, connection.token),
    // as for api above
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [session.roomName],
  );
  const meeting = useMeetingState(room, session);
  useEffect(() => {
    meetingState.current = meeting;
  });
  const [leaving, setLeaving] = useState(false);
  const [panel, setPanel] = useState<Panel | null>(null);
  const chat = useChat(room, api, panel === "chat");
  const hands = useHands(room);
  const reactions = useReactions(room);
  const [layout, setLayout] = useState<LayoutChoice>(() => loadLayout(window.localStorage));
  const [pinned, setPinned] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  useShortcuts(room, () => setHelp(true));
  const extras = useMemo(
    () => ({
      hands: new Set(hands.raised.map((h) => h.identity)),
      reactions: reactions.shown,
      pinned,
      onPin: setPinned,
    }),
    [hands.raised, reactions.shown, pinned],
  );

  return (
    <RoomContext.Provider value={room}>
      <div className="meeting" data-lk-theme="default">
        <header className="meeting-header">
          <h1>{session.title}</h1>
          {session.isHost && <span className="badge">Host</span>}
          {!session.isHost && meeting.canHost && <span className="badge">Co-host</span>}
          <HeaderTools
            session={session}
            layout={layout}
            onLayout={(choice) => {
              setLayout(choice);
              saveLayout(window.localStorage, choice);
            }}
            onHelp={() => setHelp(true)}
          />
          <span className="header-end">
            {meeting.locked && <span className="badge badge-locked">Locked</span>}
            {meeting.canHost && <HostMenu api={host} locked={meeting.locked} />}
          </span>
        </header>
        <ConnectionBanner
          failure={connection.failure}
          onRetry={connection.retry}
          onLeave={() => onLeave("lost")}
        />
        <MutedNotice />
        <EndingBanner endTime={meeting.endTime} api={meeting.canHost ? host : null} />
        <PermissionNotice />
        {meeting.canHost && (
          <AdmissionPanel room={room} roomName={session.roomName} token={connection.token} />
        )}
        <div className="meeting-body">
          <main className="meeting-stage" aria-label="Video">
            <ErrorBoundary label="the video">
              <TileExtrasContext.Provider value={extras}>
                <Stage layout={layout} />
              </TileExtrasContext.Provider>
            </ErrorBoundary>
          </main>
          {panel && (
            <SidePanel title={PANEL_TITLES[panel]} onClose={() => setPanel(null)}>
              {/* keyed by panel: switching panels starts a failed one afresh */}
              <ErrorBoundary key={panel} label={`the ${PANEL_TITLES[panel].toLowerCase()}`}>
                {panel === "people" && (
                  <>
                    <HandsList
                      hands={hands}
                      api={api}
                      isHost={meeting.canHost}
                      localIdentity={session.identity}
                    />
                    <ParticipantsPanel
                      api={api}
                      isHost={meeting.canHost}
                      host={host}
                      cohosts={meeting.cohosts}
                    />
                  </>
                )}
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
            onLeave={() => (meeting.canHost ? setLeaving(true) : onLeave("left"))}
          >
            <ReactionBar hands={hands} reactions={reactions} />
          </ParticipantCountControls>
        </footer>
        {leaving && (
          <LeaveDialog
            onLeave={() => onLeave("left")}
            onEndForEveryone={host.endForEveryone}
            onCancel={() => setLeaving(false)}
          />
        )}
        <ChatToast chat={chat} open={panel === "chat"} localIdentity={session.identity} />
        {help && <ShortcutsDialog onClose={() => setHelp(false)} />}
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
