import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from "react";
import {
  ApiError,
  apiClient,
  type ErrorCode,
  errorMessage,
  type AdmissionPending,
  type RoomInfo,
  type TokenResponse,
  unwrap,
} from "../shared/api";
import { toFieldErrors } from "../shared/fieldErrors";
import type { LeaveReason, MeetingSession } from "../meeting/session";
import { isPending } from "./admissionRequest";
import { toJoinProblem } from "./joinErrors";
import { readJoinLink } from "./joinLink";
import { lastName, loadSavedJoin, markLeft, saveJoin } from "./joinSession";
import { type JoinInputs, type JoinRefusal, Lobby } from "./Lobby";
import { StatusScreen } from "./StatusScreen";
import { WaitingScreen } from "./WaitingScreen";

// The call UI (and livekit-client) load only once there is a token.
const loadMeetingView = () => import("../meeting/MeetingView");
const MeetingView = lazy(loadMeetingView);

type Phase =
  | { name: "loading" }
  | { name: "rejoining" }
  | { name: "closed"; title: string; message: string }
  | { name: "lobby"; room: RoomInfo; refusal?: JoinRefusal }
  | { name: "waiting"; room: RoomInfo; pending: AdmissionPending; values: JoinInputs }
  | { name: "meeting"; room: RoomInfo; session: MeetingSession }
  | { name: "left"; room: RoomInfo; reason: LeaveReason };

const LEFT_MESSAGES: Record<LeaveReason, { title: string; message: string }> = {
  left: { title: "You left the meeting", message: "You can rejoin while the meeting is on." },
  removed: { title: "You were removed", message: "The host removed you from this meeting." },
  ended: { title: "The meeting has ended", message: "Thanks for joining." },
  "ended-by-host": { title: "The host ended the meeting", message: "Thanks for joining." },
  replaced: {
    title: "Joined somewhere else",
    message: "You joined this meeting from another tab or device.",
  },
  lost: { title: "Connection lost", message: "The connection to the meeting was lost." },
};

const FORM_FIELDS = ["name", "email", "password"] as const;

const api = apiClient();

type TokenRefusal = ErrorCode<"/api/meetings/{meeting_id}/token", "post">;

export function JoinApp() {
  const link = useMemo(() => readJoinLink(), []);
  const saved = useMemo(() => (link ? loadSavedJoin(link.roomName) : null), [link]);
  const [phase, setPhase] = useState<Phase>({ name: "loading" });
  const [inputs, setInputs] = useState<JoinInputs>(() => ({
    name: saved?.name ?? lastName(),
    email: saved?.email ?? "",
    password: link?.password ?? "",
    choices: saved?.choices ?? {
      audioEnabled: true,
      videoEnabled: true,
      audioDeviceId: "",
      videoDeviceId: "",
    },
  }));

  /** Into the meeting with a granted token. */
  const enter = useCallback(
    (room: RoomInfo, values: JoinInputs, granted: TokenResponse) => {
      if (!link) return;
      saveJoin(link.roomName, {
          name: values.name,
          email: values.email,
          choices: values.choices,
          inMeeting: true,
        });
        setPhase({
          name: "meeting",
          room,
          session: {
            token: granted.token,
            livekitUrl: granted.livekitUrl,
            roomName: granted.roomName,
            identity: granted.identity,
            title: granted.meeting.title,
            isHost: granted.isHost,
            endTime: granted.meeting.endTime,
            locked: granted.meeting.locked,
            cohosts: granted.cohosts,
            choices: values.choices,
            password: values.password,
            startTime: room.startTime,
          },
        });
    },
    [link],
  );

  /** Asks for a token; on success the meeting starts (or, with a waiting room, the
   * wait for a host does), else says why not. */
  const join = useCallback(
    async (room: RoomInfo, values: JoinInputs): Promise<JoinRefusal> => {
      if (!link) return {};
      setInputs(values);
      try {
        const answer = await unwrap(
          api.POST("/api/meetings/{meeting_id}/token", {
            params: { path: { meeting_id: room.id } },
            body: {
              password: values.password,
              name: values.name,
              ...(values.email ? { email: values.email } : {}),
              ...(link.hostKey ? { hostKey: link.hostKey } : {}),
            },
          }),
        );
        if (isPending(answer)) setPhase({ name: "waiting", room, pending: answer, values });
        else enter(room, values, answer);
        return {};
      } catch (error) {
        // A field the form shows is wrong or missing (the email, for a private meeting).
        const code = error instanceof ApiError ? (error.code as TokenRefusal) : null;
        if (error instanceof ApiError && (code === "validation_error" || code === "email_required")) {
          return { fieldErrors: toFieldErrors(error.details, FORM_FIELDS) };
        }
        const problem = toJoinProblem(error, room, values.email);
        if (problem.kind === "ended" || problem.kind === "not-found" || problem.kind === "locked") {
          const title = problem.kind === "locked" ? "This meeting is locked" : room.title;
          setPhase({ name: "closed", title, message: problem.message });
        }
        return { problem };
      }
    },
    [link, enter],
  );

  useEffect(() => {
    if (!link) return;
    const abort = new AbortController();
    unwrap(
      api.GET("/api/rooms/{room_name}", {
        params: { path: { room_name: link.roomName } },
        signal: abort.signal,
      }),
    ).then(
      (room) => {
        if (room.status === "ENDED" || room.status === "CANCELLED") {
          const message =
            room.status === "ENDED" ? "This meeting has ended." : "This meeting was cancelled.";
          setPhase({ name: "closed", title: room.title, message });
          return;
        }
        void loadMeetingView(); // warm the call UI while the guest fills in the form
        // A reload while in the meeting: rejoin without asking again.
        if (saved?.inMeeting && link.password && saved.name) {
          setPhase({ name: "rejoining" });
          void join(room, inputs).then((refusal) =>
            setPhase((now) => (now.name === "rejoining" ? { name: "lobby", room, refusal } : now)),
          );
        } else {
          setPhase({ name: "lobby", room });
        }
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        const missing =
          error instanceof ApiError &&
          (error.code as ErrorCode<"/api/rooms/{room_name}", "get">) === "room_not_found";
        setPhase({
          name: "closed",
          title: missing ? "Meeting not found" : "Cannot open this meeting",
          message: missing ? "This meeting link is not valid. Check it and try again." : errorMessage(error),
        });
      },
    );
    return () => abort.abort();
    // Runs once per page load: `inputs` and `saved` are deliberately the initial values.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [link]);

  useEffect(() => {
    document.title = `${phase.name === "meeting" ? phase.session.title : "Join meeting"} · LiveKit Meet`;
  }, [phase]);

  if (!link) {
    return <StatusScreen title="Meeting not found" message="This is not a meeting link." />;
  }
  switch (phase.name) {
    case "loading":
      return <StatusScreen title="Opening the meeting…" message="One moment." />;
    case "rejoining":
      return <StatusScreen title="Rejoining…" message="Taking you back into the meeting." />;
    case "closed":
      return <StatusScreen title={phase.title} message={phase.message} />;
    case "lobby":
      return (
        <Lobby
          room={phase.room}
          link={link}
          initial={inputs}
          initialRefusal={phase.refusal}
          onJoin={(values) => join(phase.room, values)}
        />
      );
    case "waiting":
      return (
        <WaitingScreen
          title={phase.room.title}
          pending={phase.pending}
          onAdmitted={(granted) => enter(phase.room, phase.values, granted)}
          onBack={() => setPhase({ name: "lobby", room: phase.room })}
        />
      );
    case "left": {
      const text = LEFT_MESSAGES[phase.reason];
      const canRejoin = !["ended", "ended-by-host", "removed"].includes(phase.reason);
      return (
        <StatusScreen title={text.title} message={text.message}>
          {canRejoin && (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => setPhase({ name: "lobby", room: phase.room })}
            >
              Rejoin
            </button>
          )}
        </StatusScreen>
      );
    }
    case "meeting":
      return (
        <Suspense fallback={<StatusScreen title="Joining…" message="Loading the meeting." />}>
          <MeetingView
            session={phase.session}
            onLeave={(reason) => {
              markLeft(link.roomName);
              setPhase({ name: "left", room: phase.room, reason });
            }}
          />
        </Suspense>
      );
  }
}
