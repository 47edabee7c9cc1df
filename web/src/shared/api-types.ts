// Generated from web/openapi.json by web/tooling/api-types.mjs (`make api-types`): do not edit.

export interface paths {
    "/api/meetings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List meetings, newest start first */
        get: operations["list_meetings_api_meetings_get"];
        put?: never;
        /** Schedule */
        post: operations["schedule_meeting_api_meetings_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meetings/instant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Launch a meeting that starts now */
        post: operations["launch_instant_meeting_api_meetings_instant_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meetings/{meeting_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Meeting */
        get: operations["get_meeting_api_meetings__meeting_id__get"];
        put?: never;
        post?: never;
        /** Cancel a meeting and delete its LiveKit room */
        delete: operations["cancel_meeting_api_meetings__meeting_id__delete"];
        options?: never;
        head?: never;
        /** Update Meeting */
        patch: operations["update_meeting_api_meetings__meeting_id__patch"];
        trace?: never;
    };
    "/api/meetings/{meeting_id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End a meeting now and delete its LiveKit room */
        post: operations["end_meeting_api_meetings__meeting_id__end_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meetings/{meeting_id}/invite.ics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download the meeting as a calendar invitation (iCalendar) */
        get: operations["download_invitation_api_meetings__meeting_id__invite_ics_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Health */
        get: operations["health_api_health_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rooms/{room_name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What the join page needs to know about a room
         * @description 429 with Retry-After once this client has looked up too many room names that do not exist (`ROOM_LOOKUP_MISS_LIMIT` in 10 minutes).
         */
        get: operations["get_room_api_rooms__room_name__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meetings/{meeting_id}/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get a LiveKit token to join a meeting
         * @description Checks, in order: the meeting exists (404), the client is not locked out by failed attempts (429 with Retry-After), the meeting is not over (410), the password and any host key (401), the allowlist of a private meeting (403; email required, else 422), a host's lock (403 `meeting_locked`; the host key still joins), and the join window (409 with the start time). A scheduled meeting inside its join window is activated by this request. On a meeting with a waiting room, a guest without the host key gets 202 and an admission request instead of a token: poll `GET /api/admissions/{id}`.
         */
        post: operations["issue_token_api_meetings__meeting_id__token_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admissions/{admission_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Guest: is my admission request decided?
         * @description Poll every `pollAfterSeconds`; each poll keeps the request alive (one not polled for 30 s expires). `waiting`: still waiting, with whether a host is in the meeting; `admitted`: `grant` is the join token (every poll after the admission answers one with the same claims). 401 `admission_secret_missing`; 404 `admission_not_found` (no request with that id and secret); 403 `admission_denied`; 403 `removed_from_meeting`; 410 `admission_expired`; 410 `meeting_over`.
         */
        get: operations["admission_status_api_admissions__admission_id__get"];
        put?: never;
        post?: never;
        /**
         * Guest: stop waiting
         * @description The request expires at once and the hosts' lists drop it. A request already decided or expired, or another secret, changes nothing (still 204).
         */
        delete: operations["withdraw_api_admissions__admission_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meetings/{meeting_id}/participants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The allowlist of a meeting */
        get: operations["list_participants_api_meetings__meeting_id__participants_get"];
        put?: never;
        /** Add one or many emails to the allowlist; returns the whole list */
        post: operations["add_participants_api_meetings__meeting_id__participants_post"];
        /**
         * Take an email off the allowlist (404 when it is not on it)
         * @description The email gets no more tokens; anyone in the room with a token issued to it is removed from the room, and those tokens are refused by the service's API.
         */
        delete: operations["remove_participant_api_meetings__meeting_id__participants_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rooms/{room_name}/participants/{identity}/mute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Host: mute a participant's track, or all of their audio
         * @description Finds the participant (and the track) in the LiveKit room first: 404 when they are not there, at once. 403 `removed_from_meeting` when the caller's own identity was removed from the meeting.
         */
        post: operations["mute_participant_api_rooms__room_name__participants__identity__mute_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rooms/{room_name}/participants/{identity}/remove": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Host: remove a participant from the room (and bar them from the meeting)
         * @description Removes the participant from the LiveKit room; from then on their token is refused by the service's API (chat, moderation) with 403 `removed_from_meeting` for the rest of the meeting. 404 when they are not in the room.
         */
        post: operations["remove_participant_api_rooms__room_name__participants__identity__remove_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rooms/{room_name}/participants/{identity}/lower-hand": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Host: lower a participant's raised hand
         * @description Clears the participant's `hand` attribute (the time they raised it) through LiveKit's UpdateParticipant; everyone in the room sees the hand go down. 403 `host_only` for a guest's token; 404 `participant_not_found` when they are not in the room.
         */
        post: operations["lower_hand_api_rooms__room_name__participants__identity__lower_hand_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meetings/{meeting_id}/attendance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who joined a meeting, when, and for how long (from LiveKit's webhooks) */
        get: operations["get_attendance_api_meetings__meeting_id__attendance_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rooms/{room_name}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Host: end the meeting for everyone
         * @description Sets the meeting ENDED (as the organiser's end does) and deletes its LiveKit room, which disconnects everyone; the pages first get a `meeting` data packet `{"type": "ended", "by": "host"}`. Ending an ended meeting is done; a cancelled one is 409 `meeting_finished`.
         */
        post: operations["end_meeting_api_rooms__room_name__end_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rooms/{room_name}/mute-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Host: mute everyone else's microphone
         * @description Mutes every unmuted audio track of everyone in the room except the hosts and co-hosts (they run the meeting; mute one of them from their row).
         */
        post: operations["mute_all_api_rooms__room_name__mute_all_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rooms/{room_name}/lock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Host: lock the meeting against new joins
         * @description From now on the token route refuses joins with 403 `meeting_locked`, except with the host key. Everyone in the room gets a `meeting` data packet `{"type": "locked", "locked": true}`.
         */
        post: operations["lock_api_rooms__room_name__lock_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rooms/{room_name}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Host: let new joins in again */
        post: operations["unlock_api_rooms__room_name__unlock_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rooms/{room_name}/extend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Host: move the meeting's end later by 15 or 30 minutes
         * @description Moves endTime and the meeting's end schedule; everyone in the room gets a `meeting` data packet `{"type": "endTime", "endTime": "..."}`. 410 `meeting_over` once the end time has passed.
         */
        post: operations["extend_api_rooms__room_name__extend_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rooms/{room_name}/participants/{identity}/cohost": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Host: make a participant a co-host
         * @description Records the identity as a co-host (the host routes then accept its token) and sends every page the full list of co-hosts on the `meeting` topic (`{"type": "cohosts", "identities": [...]}`). 404 `participant_not_in_room` when they are not in the room.
         */
        post: operations["make_cohost_api_rooms__room_name__participants__identity__cohost_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rooms/{room_name}/admissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Host: the guests waiting to be let in
         * @description Oldest first; requests whose guest stopped polling (30 s) are left out. 404 `room_not_found`.
         */
        get: operations["list_waiting_api_rooms__room_name__admissions_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rooms/{room_name}/admissions/{admission_id}/admit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Host: let a waiting guest in
         * @description The guest's next poll carries their join token. 404 `admission_not_found` or `room_not_found`; 409 `admission_already_decided` (another host decided the other way first); 410 `admission_expired` (the guest left); 410 `meeting_over`. The same decision twice answers as the first did.
         */
        post: operations["admit_api_rooms__room_name__admissions__admission_id__admit_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rooms/{room_name}/admissions/{admission_id}/deny": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Host: turn a waiting guest away
         * @description The guest's next poll is 403 `admission_denied`. 404 `admission_not_found` or `room_not_found`; 409 `admission_already_decided` (another host decided the other way first); 410 `admission_expired` (the guest left); 410 `meeting_over`. The same decision twice answers as the first did.
         */
        post: operations["deny_api_rooms__room_name__admissions__admission_id__deny_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a room's chat history, oldest first
         * @description Authorised by the caller's LiveKit token for `roomName`. Pages oldest first: pass the `id` of the last message you have as `after` to get the ones sent after it; an empty list means you are up to date. Paging is stable while others write: no message is skipped or repeated. A late joiner asks for `latest=true` first and scrolls back with `before` (the oldest id it has); each page is still oldest first, and a page shorter than `limit` is the start. 403 `removed_from_meeting` for a participant a host removed.
         */
        get: operations["read_messages_api_messages_get"];
        put?: never;
        /**
         * Send a chat message
         * @description Authorised by the caller's LiveKit token for `roomName` (`Authorization: Bearer <token>`). The sender's identity and name come from the token. Once stored, the service delivers the message to the room itself (LiveKit RoomService `SendData`, reliable, topic `chat`, this response's JSON as the payload), so pages accept chat packets only from the server, never from a participant; a failed delivery does not fail the post (the others get the message from the history). A retry of a stored id is not delivered again. 410 once the meeting has ended or was cancelled; 403 `removed_from_meeting` once a host removed the sender (or their invitation was withdrawn), whichever of their tokens they present; 429 (with Retry-After) beyond the participant's or the meeting's messages per minute.
         */
        post: operations["send_message_api_messages_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/livekit/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive a signed LiveKit webhook event
         * @description Verifies the JWT in `Authorization` (its `sha256` claim must match the raw body) and applies the event once per event id. Events for unknown rooms are accepted and ignored.
         */
        post: operations["receive_livekit_webhook_api_livekit_webhook_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/scheduler": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Run one lifecycle pass now
         * @description Activates due meetings, ends expired ones, creates and deletes their LiveKit rooms and reconciles participant counts; returns what it did. EventBridge runs the same pass every minute.
         */
        get: operations["run_pass_get_api_scheduler_get"];
        put?: never;
        /**
         * Run one lifecycle pass now
         * @description Activates due meetings, ends expired ones, creates and deletes their LiveKit rooms and reconciles participant counts; returns what it did. EventBridge runs the same pass every minute.
         */
        post: operations["run_pass_post_api_scheduler_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** AdmissionDecision */
        AdmissionDecision: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /**
             * Status
             * @enum {string}
             */
            status: "admitted" | "denied";
            /**
             * Identity
             * @description The identity the guest joins with.
             */
            identity: string;
        };
        /**
         * AdmissionPending
         * @description 202 from the token route of a waiting-room meeting: the guest waits for a host.
         */
        AdmissionPending: {
            /**
             * Id
             * Format: uuid
             * @description The admission request.
             */
            id: string;
            /**
             * Requestsecret
             * @description Authorises the status polls (Authorization: Bearer). Returned only here: keep it in the page, never in a URL.
             */
            requestSecret: string;
            /**
             * Status
             * @default waiting
             * @constant
             */
            status?: "waiting";
            /**
             * Hostpresent
             * @description Whether a host is in the meeting now.
             */
            hostPresent: boolean;
            /** Pollafterseconds */
            pollAfterSeconds: number;
            /**
             * Expiresafterseconds
             * @description A request not polled for this long expires (the guest left).
             */
            expiresAfterSeconds: number;
        };
        /** AdmissionStatus */
        AdmissionStatus: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /**
             * Status
             * @enum {string}
             */
            status: "waiting" | "admitted";
            /** Hostpresent */
            hostPresent: boolean;
            /** Pollafterseconds */
            pollAfterSeconds: number;
            /** @description Once admitted: the token to join with. */
            grant?: components["schemas"]["TokenResponse"] | null;
        };
        /** Allowlist */
        Allowlist: {
            /** Participants */
            participants: components["schemas"]["AllowlistEntry"][];
        };
        /**
         * AllowlistAdd
         * @description Either one invitee (``{email, name?}``) or several (``{participants: [...]}``).
         */
        AllowlistAdd: {
            /** Email */
            email?: string | null;
            /** Name */
            name?: string | null;
            /** Participants */
            participants?: components["schemas"]["InviteeIn"][] | null;
        };
        /** AllowlistEntry */
        AllowlistEntry: {
            /** Email */
            email: string;
            /** Name */
            name: string | null;
            /**
             * Addedat
             * Format: date-time
             */
            addedAt: string;
        };
        /** Attendance */
        Attendance: {
            /** Attendance */
            attendance: components["schemas"]["AttendanceEntry"][];
            /**
             * Nextcursor
             * @description Pass as `cursor` for the next page; null on the last.
             */
            nextCursor?: string | null;
        };
        /** AttendanceEntry */
        AttendanceEntry: {
            /** Identity */
            identity: string;
            /** Name */
            name: string | null;
            /**
             * Email
             * @description Known when the join token carried it.
             */
            email: string | null;
            /**
             * Joinedat
             * Format: date-time
             */
            joinedAt: string;
            /**
             * Leftat
             * @description null while the participant is still in.
             */
            leftAt: string | null;
            /**
             * Durationseconds
             * @description Time in the meeting; so far, when still in.
             */
            durationSeconds: number;
        };
        /**
         * EndedBy
         * @description Who or what ended or cancelled a meeting, recorded when it did.
         * @enum {string}
         */
        EndedBy: "host" | "organiser" | "schedule" | "empty";
        /** ExtendRequest */
        ExtendRequest: {
            /**
             * Minutes
             * @description 15 or 30 (else 422 `invalid_extension`).
             */
            minutes: number;
        };
        /** Health */
        Health: {
            /**
             * Status
             * @enum {string}
             */
            status: "ok" | "degraded";
            /**
             * Database
             * @enum {string}
             */
            database: "ok" | "unavailable";
        };
        /** InstantMeetingCreate */
        InstantMeetingCreate: {
            /** Title */
            title?: string | null;
            /**
             * Ispublic
             * @default true
             */
            isPublic?: boolean;
            /** Password */
            password?: string | null;
            /**
             * Durationminutes
             * @default 60
             */
            durationMinutes?: number;
            /** Maxparticipants */
            maxParticipants?: number | null;
            /**
             * Waitingroom
             * @description Guests wait until a host admits them.
             * @default false
             */
            waitingRoom?: boolean;
        };
        /** InviteeIn */
        InviteeIn: {
            /**
             * Email
             * Format: email
             */
            email: string;
            /** Name */
            name?: string | null;
        };
        /** Meeting */
        Meeting: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Title */
            title: string;
            /** Description */
            description: string | null;
            /** Roomname */
            roomName: string;
            status: components["schemas"]["MeetingStatus"];
            /** Ispublic */
            isPublic: boolean;
            /** Isinstant */
            isInstant: boolean;
            /**
             * Starttime
             * Format: date-time
             */
            startTime: string;
            /**
             * Endtime
             * Format: date-time
             */
            endTime: string;
            /** Startedat */
            startedAt: string | null;
            /** Endedat */
            endedAt: string | null;
            /** @description Who or what ended or cancelled the meeting: `host` (End for everyone inside it), `organiser` (the admin API's end or cancel), `schedule` (its end time passed) or `empty` (an instant meeting everyone left); null while it is not over, and for meetings that ended before this was recorded. */
            endedBy: components["schemas"]["EndedBy"] | null;
            /** Password */
            password: string;
            /** Hostkey */
            hostKey: string;
            /** Joinurl */
            joinUrl: string;
            /** Hostjoinurl */
            hostJoinUrl: string;
            /** Participantcount */
            participantCount: number;
            /** Maxparticipants */
            maxParticipants: number | null;
            /** Waitingroom */
            waitingRoom: boolean;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /**
             * Updatedat
             * Format: date-time
             */
            updatedAt: string;
        };
        /**
         * MeetingControls
         * @description The meeting's state a host changes from inside it.
         */
        MeetingControls: {
            /**
             * Locked
             * @description No new joins except with the host key.
             */
            locked: boolean;
            /**
             * Endtime
             * Format: date-time
             */
            endTime: string;
        };
        /** MeetingCreate */
        MeetingCreate: {
            /** Title */
            title: string;
            /** Description */
            description?: string | null;
            /**
             * Starttime
             * Format: date-time
             */
            startTime: string;
            /** Endtime */
            endTime?: string | null;
            /** Durationminutes */
            durationMinutes?: number | null;
            /**
             * Ispublic
             * @default true
             */
            isPublic?: boolean;
            /** Password */
            password?: string | null;
            /**
             * Participants
             * @default []
             */
            participants?: components["schemas"]["InviteeIn"][];
            /** Maxparticipants */
            maxParticipants?: number | null;
            /**
             * Waitingroom
             * @description Guests wait until a host admits them.
             * @default false
             */
            waitingRoom?: boolean;
        };
        /** MeetingPage */
        MeetingPage: {
            /** Meetings */
            meetings: components["schemas"]["Meeting"][];
            /** Nextcursor */
            nextCursor: string | null;
        };
        /**
         * MeetingStatus
         * @enum {string}
         */
        MeetingStatus: "SCHEDULED" | "ACTIVE" | "ENDED" | "CANCELLED";
        /** MeetingUpdate */
        MeetingUpdate: {
            /** Title */
            title?: string | null;
            /** Description */
            description?: string | null;
            /** Starttime */
            startTime?: string | null;
            /** Endtime */
            endTime?: string | null;
            /** Ispublic */
            isPublic?: boolean | null;
            /** Password */
            password?: string | null;
            /** Maxparticipants */
            maxParticipants?: number | null;
            /** Waitingroom */
            waitingRoom?: boolean | null;
        };
        /** Message */
        Message: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Roomname */
            roomName: string;
            /** Identity */
            identity: string;
            /** Name */
            name: string;
            /** Text */
            text: string;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
        };
        /** MessageCreate */
        MessageCreate: {
            /** Roomname */
            roomName: string;
            /**
             * Text
             * @description 1 to 2000 characters once trimmed; line breaks become \n; control characters other than newline and tab are refused (422 `invalid_message_text`).
             */
            text: string;
            /**
             * Id
             * @description Optional client-chosen UUID that makes a retry safe: the same id again returns the stored message (200) instead of storing it twice; the same id with another text, room or sender is a 409.
             */
            id?: string | null;
        };
        /** MessagePage */
        MessagePage: {
            /** Messages */
            messages: components["schemas"]["Message"][];
        };
        /** MuteAllResult */
        MuteAllResult: {
            /**
             * Mutedidentities
             * @description Everyone whose microphone was muted (hosts and co-hosts are spared).
             */
            mutedIdentities: string[];
        };
        /** MuteRequest */
        MuteRequest: {
            /**
             * Tracksid
             * @description Mute this track; without it, every unmuted audio track.
             */
            trackSid?: string | null;
        };
        /** MuteResult */
        MuteResult: {
            /** Identity */
            identity: string;
            /** Mutedtracksids */
            mutedTrackSids: string[];
        };
        /** PassReport */
        PassReport: {
            /**
             * Roomscreated
             * @default 0
             */
            roomsCreated?: number;
            /**
             * Roomsdeleted
             * @default 0
             */
            roomsDeleted?: number;
            /**
             * Roomcallsfailed
             * @default 0
             */
            roomCallsFailed?: number;
            /**
             * Roomcallsdeferred
             * @default 0
             */
            roomCallsDeferred?: number;
            /**
             * Endedidle
             * @default 0
             */
            endedIdle?: number;
            /**
             * Reconciled
             * @default 0
             */
            reconciled?: number;
            /**
             * Attendancechecked
             * @default 0
             */
            attendanceChecked?: number;
            /**
             * Attendancecheckfailed
             * @default 0
             */
            attendanceCheckFailed?: number;
            /**
             * Leavesrepaired
             * @default 0
             */
            leavesRepaired?: number;
            /**
             * Joinsrepaired
             * @default 0
             */
            joinsRepaired?: number;
            /**
             * Barredremoved
             * @default 0
             */
            barredRemoved?: number;
            /** Activated */
            activated: number;
            /**
             * Ended
             * @default 0
             */
            ended?: number;
            /**
             * Webhookeventspurged
             * @default 0
             */
            webhookEventsPurged?: number;
            /**
             * Messagespurged
             * @default 0
             */
            messagesPurged?: number;
            /**
             * Attendancepurged
             * @default 0
             */
            attendancePurged?: number;
            /**
             * Ratecounterspurged
             * @default 0
             */
            rateCountersPurged?: number;
            /**
             * Admissionrequestsexpired
             * @default 0
             */
            admissionRequestsExpired?: number;
        };
        /**
         * RoomSummary
         * @description What the join page needs to know about a room, and nothing secret.
         */
        RoomSummary: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Title */
            title: string;
            status: components["schemas"]["MeetingStatus"];
            /** Ispublic */
            isPublic: boolean;
            /**
             * Starttime
             * Format: date-time
             */
            startTime: string;
            /**
             * Endtime
             * Format: date-time
             */
            endTime: string;
            /**
             * Joinopensat
             * Format: date-time
             * @description When tokens are first issued: JOIN_EARLY_MINUTES before startTime.
             */
            joinOpensAt: string;
            /** @description Who or what ended or cancelled the meeting: `host` (End for everyone inside it), `organiser` (the admin API's end or cancel), `schedule` (its end time passed) or `empty` (an instant meeting everyone left); null while it is not over, and for meetings that ended before this was recorded. A page the room's deletion disconnected reads it to say who ended the meeting. */
            endedBy: components["schemas"]["EndedBy"] | null;
        };
        /** TokenMeeting */
        TokenMeeting: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Title */
            title: string;
            status: components["schemas"]["MeetingStatus"];
            /** Ispublic */
            isPublic: boolean;
            /**
             * Endtime
             * Format: date-time
             * @description When the meeting ends (a host may extend it).
             */
            endTime: string;
            /**
             * Locked
             * @description A host locked it: no new joins but the host's.
             */
            locked: boolean;
        };
        /** TokenRequest */
        TokenRequest: {
            /** Password */
            password: string;
            /** Name */
            name: string;
            /**
             * Email
             * @description Required for private meetings: must be on the allowlist.
             */
            email?: string | null;
            /**
             * Hostkey
             * @description The meeting's host key; grants room_admin (moderation).
             */
            hostKey?: string | null;
        };
        /** TokenResponse */
        TokenResponse: {
            /**
             * Token
             * @description LiveKit access token (JWT) for exactly this room.
             */
            token: string;
            /** Livekiturl */
            livekitUrl: string;
            /** Roomname */
            roomName: string;
            /**
             * Identity
             * @description Unique per join: a slug of the name plus a suffix.
             */
            identity: string;
            /**
             * Expiresat
             * Format: date-time
             */
            expiresAt: string;
            /**
             * Ishost
             * @description Whether the token grants room_admin (a valid host key).
             */
            isHost: boolean;
            meeting: components["schemas"]["TokenMeeting"];
            /**
             * Cohosts
             * @description Identities made co-hosts of this meeting so far, oldest first; later changes arrive on the `meeting` data topic.
             */
            cohosts: string[];
        };
        /** WaitingGuest */
        WaitingGuest: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Name */
            name: string;
            /**
             * Email
             * @description The email the guest gave, if any.
             */
            email: string | null;
            /**
             * Requestedat
             * Format: date-time
             */
            requestedAt: string;
        };
        /** WaitingList */
        WaitingList: {
            /** Admissions */
            admissions: components["schemas"]["WaitingGuest"][];
        };
        /** WebhookReceipt */
        WebhookReceipt: {
            /** Event */
            event: string;
            /**
             * Outcome
             * @enum {string}
             */
            outcome: "applied" | "duplicate" | "ignored";
        };
        /** ErrorDetail */
        ErrorDetail: {
            /** Code */
            code: string;
            /** Message */
            message: string;
            /**
             * Details
             * @default null
             */
            details?: {
                [key: string]: unknown;
            }[] | null;
        };
        /** ErrorResponse */
        ErrorResponse: {
            error: components["schemas"]["ErrorDetail"];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    list_meetings_api_meetings_get: {
        parameters: {
            query?: {
                status?: components["schemas"]["MeetingStatus"] | null;
                roomName?: string | null;
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeetingPage"];
                };
            };
            /** @description - `admin_key_invalid`: The admin API key is missing or wrong. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_invalid";
                        };
                    };
                };
            };
            /**
             * @description - `invalid_cursor`: The cursor, or the message id paged from, is not one this listing returned.
             *     - `validation_error`: The request does not match its schema; `details` name the fields.
             */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "invalid_cursor" | "validation_error";
                        };
                    };
                };
            };
            /** @description - `too_many_admin_failures`: Too many wrong admin keys from this client; the right key waits too. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "too_many_admin_failures";
                        };
                    };
                };
            };
            /**
             * @description - `admin_key_not_configured`: No admin API key is configured, so no admin request can be let in.
             *     - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_not_configured" | "database_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    schedule_meeting_api_meetings_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MeetingCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Meeting"];
                };
            };
            /** @description - `malformed_body`: The request body cannot be read as JSON text (not UTF-8, say). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "malformed_body";
                        };
                    };
                };
            };
            /** @description - `admin_key_invalid`: The admin API key is missing or wrong. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_invalid";
                        };
                    };
                };
            };
            /** @description - `room_name_unavailable`: No free room name was found for the meeting; trying again will do. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "room_name_unavailable";
                        };
                    };
                };
            };
            /** @description - `payload_too_large`: The request body is over `MAX_REQUEST_BODY_BYTES`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "payload_too_large";
                        };
                    };
                };
            };
            /**
             * @description - `invalid_time_range`: The times are out of reach, in the past, or the end is not after the start.
             *     - `validation_error`: The request does not match its schema; `details` name the fields.
             */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "invalid_time_range" | "validation_error";
                        };
                    };
                };
            };
            /** @description - `too_many_admin_failures`: Too many wrong admin keys from this client; the right key waits too. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "too_many_admin_failures";
                        };
                    };
                };
            };
            /**
             * @description - `admin_key_not_configured`: No admin API key is configured, so no admin request can be let in.
             *     - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_not_configured" | "database_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    launch_instant_meeting_api_meetings_instant_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["InstantMeetingCreate"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Meeting"];
                };
            };
            /** @description - `malformed_body`: The request body cannot be read as JSON text (not UTF-8, say). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "malformed_body";
                        };
                    };
                };
            };
            /** @description - `admin_key_invalid`: The admin API key is missing or wrong. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_invalid";
                        };
                    };
                };
            };
            /** @description - `room_name_unavailable`: No free room name was found for the meeting; trying again will do. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "room_name_unavailable";
                        };
                    };
                };
            };
            /** @description - `payload_too_large`: The request body is over `MAX_REQUEST_BODY_BYTES`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "payload_too_large";
                        };
                    };
                };
            };
            /** @description - `validation_error`: The request does not match its schema; `details` name the fields. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "validation_error";
                        };
                    };
                };
            };
            /** @description - `too_many_admin_failures`: Too many wrong admin keys from this client; the right key waits too. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "too_many_admin_failures";
                        };
                    };
                };
            };
            /**
             * @description - `admin_key_not_configured`: No admin API key is configured, so no admin request can be let in.
             *     - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_not_configured" | "database_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    get_meeting_api_meetings__meeting_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meeting_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Meeting"];
                };
            };
            /** @description - `admin_key_invalid`: The admin API key is missing or wrong. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_invalid";
                        };
                    };
                };
            };
            /** @description - `meeting_not_found`: No meeting has that id (or the id is not a UUID). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "meeting_not_found";
                        };
                    };
                };
            };
            /** @description - `validation_error`: The request does not match its schema; `details` name the fields. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "validation_error";
                        };
                    };
                };
            };
            /** @description - `too_many_admin_failures`: Too many wrong admin keys from this client; the right key waits too. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "too_many_admin_failures";
                        };
                    };
                };
            };
            /**
             * @description - `admin_key_not_configured`: No admin API key is configured, so no admin request can be let in.
             *     - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_not_configured" | "database_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    cancel_meeting_api_meetings__meeting_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meeting_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description - `admin_key_invalid`: The admin API key is missing or wrong. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_invalid";
                        };
                    };
                };
            };
            /** @description - `meeting_not_found`: No meeting has that id (or the id is not a UUID). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "meeting_not_found";
                        };
                    };
                };
            };
            /** @description - `meeting_finished`: The meeting is ENDED or CANCELLED and can no longer change. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "meeting_finished";
                        };
                    };
                };
            };
            /** @description - `validation_error`: The request does not match its schema; `details` name the fields. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "validation_error";
                        };
                    };
                };
            };
            /** @description - `too_many_admin_failures`: Too many wrong admin keys from this client; the right key waits too. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "too_many_admin_failures";
                        };
                    };
                };
            };
            /**
             * @description - `admin_key_not_configured`: No admin API key is configured, so no admin request can be let in.
             *     - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_not_configured" | "database_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    update_meeting_api_meetings__meeting_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meeting_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MeetingUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Meeting"];
                };
            };
            /** @description - `malformed_body`: The request body cannot be read as JSON text (not UTF-8, say). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "malformed_body";
                        };
                    };
                };
            };
            /** @description - `admin_key_invalid`: The admin API key is missing or wrong. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_invalid";
                        };
                    };
                };
            };
            /** @description - `meeting_not_found`: No meeting has that id (or the id is not a UUID). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "meeting_not_found";
                        };
                    };
                };
            };
            /** @description - `meeting_finished`: The meeting is ENDED or CANCELLED and can no longer change. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "meeting_finished";
                        };
                    };
                };
            };
            /** @description - `payload_too_large`: The request body is over `MAX_REQUEST_BODY_BYTES`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "payload_too_large";
                        };
                    };
                };
            };
            /**
             * @description - `invalid_time_range`: The times are out of reach, in the past, or the end is not after the start.
             *     - `validation_error`: The request does not match its schema; `details` name the fields.
             */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "invalid_time_range" | "validation_error";
                        };
                    };
                };
            };
            /** @description - `too_many_admin_failures`: Too many wrong admin keys from this client; the right key waits too. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "too_many_admin_failures";
                        };
                    };
                };
            };
            /**
             * @description - `admin_key_not_configured`: No admin API key is configured, so no admin request can be let in.
             *     - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_not_configured" | "database_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    end_meeting_api_meetings__meeting_id__end_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meeting_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Meeting"];
                };
            };
            /** @description - `admin_key_invalid`: The admin API key is missing or wrong. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_invalid";
                        };
                    };
                };
            };
            /** @description - `meeting_not_found`: No meeting has that id (or the id is not a UUID). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "meeting_not_found";
                        };
                    };
                };
            };
            /** @description - `meeting_finished`: The meeting is ENDED or CANCELLED and can no longer change. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "meeting_finished";
                        };
                    };
                };
            };
            /** @description - `validation_error`: The request does not match its schema; `details` name the fields. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "validation_error";
                        };
                    };
                };
            };
            /** @description - `too_many_admin_failures`: Too many wrong admin keys from this client; the right key waits too. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "too_many_admin_failures";
                        };
                    };
                };
            };
            /**
             * @description - `admin_key_not_configured`: No admin API key is configured, so no admin request can be let in.
             *     - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_not_configured" | "database_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    download_invitation_api_meetings__meeting_id__invite_ics_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meeting_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One VEVENT with a stable UID and the meeting's SEQUENCE; METHOD:CANCEL once the meeting is cancelled. Holds the guest link and password, never the host key. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
            /** @description - `admin_key_invalid`: The admin API key is missing or wrong. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_invalid";
                        };
                    };
                };
            };
            /** @description - `meeting_not_found`: No meeting has that id (or the id is not a UUID). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "meeting_not_found";
                        };
                    };
                };
            };
            /** @description - `validation_error`: The request does not match its schema; `details` name the fields. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "validation_error";
                        };
                    };
                };
            };
            /** @description - `too_many_admin_failures`: Too many wrong admin keys from this client; the right key waits too. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "too_many_admin_failures";
                        };
                    };
                };
            };
            /**
             * @description - `admin_key_not_configured`: No admin API key is configured, so no admin request can be let in.
             *     - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_not_configured" | "database_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    health_api_health_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description The database is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    get_room_api_rooms__room_name__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                room_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoomSummary"];
                };
            };
            /** @description - `room_not_found`: No meeting uses that room name. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "room_not_found";
                        };
                    };
                };
            };
            /** @description - `validation_error`: The request does not match its schema; `details` name the fields. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "validation_error";
                        };
                    };
                };
            };
            /** @description - `too_many_lookups`: Too many lookups of room names that do not exist from this client. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "too_many_lookups";
                        };
                    };
                };
            };
            /**
             * @description - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "database_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    issue_token_api_meetings__meeting_id__token_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meeting_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            /** @description Waiting for a host to admit the guest */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdmissionPending"];
                };
            };
            /** @description - `malformed_body`: The request body cannot be read as JSON text (not UTF-8, say). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "malformed_body";
                        };
                    };
                };
            };
            /**
             * @description - `wrong_host_key`: The host key given with the token request is not the meeting's.
             *     - `wrong_password`: The meeting password is not correct.
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "wrong_host_key" | "wrong_password";
                        };
                    };
                };
            };
            /**
             * @description - `meeting_locked`: A host locked the meeting against new joins; a host key still joins.
             *     - `not_invited`: The meeting is private and the email is not on its allowlist.
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "meeting_locked" | "not_invited";
                        };
                    };
                };
            };
            /** @description - `meeting_not_found`: No meeting has that id (or the id is not a UUID). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "meeting_not_found";
                        };
                    };
                };
            };
            /** @description - `not_started`: The meeting is SCHEDULED and its join window has not opened yet; the error carries `startTime` and `joinOpensAt` (ISO 8601) next to its code. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "not_started";
                            /** Format: date-time */
                            startTime?: string;
                            /** Format: date-time */
                            joinOpensAt?: string;
                        };
                    };
                };
            };
            /** @description - `meeting_over`: The meeting is ENDED, CANCELLED or past its end time. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "meeting_over";
                        };
                    };
                };
            };
            /** @description - `payload_too_large`: The request body is over `MAX_REQUEST_BODY_BYTES`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "payload_too_large";
                        };
                    };
                };
            };
            /**
             * @description - `email_required`: The meeting is private: the token request needs the invited email.
             *     - `validation_error`: The request does not match its schema; `details` name the fields.
             */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "email_required" | "validation_error";
                        };
                    };
                };
            };
            /** @description - `too_many_attempts`: Too many failed joins from this client on this meeting; the right password waits too. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "too_many_attempts";
                        };
                    };
                };
            };
            /**
             * @description - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "database_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    admission_status_api_admissions__admission_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                admission_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdmissionStatus"];
                };
            };
            /** @description - `admission_secret_missing`: A waiting-room route was called without the admission request's secret. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admission_secret_missing";
                        };
                    };
                };
            };
            /**
             * @description - `admission_denied`: A host denied the guest's admission request.
             *     - `removed_from_meeting`: A host removed this identity from the meeting (or its invitation was withdrawn).
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admission_denied" | "removed_from_meeting";
                        };
                    };
                };
            };
            /** @description - `admission_not_found`: No admission request has that id and secret (or that id in this room); which, is not said. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admission_not_found";
                        };
                    };
                };
            };
            /**
             * @description - `admission_expired`: The guest stopped polling, or left: hosts no longer see the request.
             *     - `meeting_over`: The meeting is ENDED, CANCELLED or past its end time.
             */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admission_expired" | "meeting_over";
                        };
                    };
                };
            };
            /** @description - `validation_error`: The request does not match its schema; `details` name the fields. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "validation_error";
                        };
                    };
                };
            };
            /** @description - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    withdraw_api_admissions__admission_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                admission_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description - `admission_secret_missing`: A waiting-room route was called without the admission request's secret. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admission_secret_missing";
                        };
                    };
                };
            };
            /** @description - `admission_not_found`: No admission request has that id and secret (or that id in this room); which, is not said. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admission_not_found";
                        };
                    };
                };
            };
            /** @description - `validation_error`: The request does not match its schema; `details` name the fields. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "validation_error";
                        };
                    };
                };
            };
            /** @description - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "database_unavailable";
                        };
                    };
                };
            };
        };
    };
    list_participants_api_meetings__meeting_id__participants_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meeting_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Allowlist"];
                };
            };
            /** @description - `admin_key_invalid`: The admin API key is missing or wrong. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_invalid";
                        };
                    };
                };
            };
            /** @description - `meeting_not_found`: No meeting has that id (or the id is not a UUID). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "meeting_not_found";
                        };
                    };
                };
            };
            /** @description - `validation_error`: The request does not match its schema; `details` name the fields. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "validation_error";
                        };
                    };
                };
            };
            /** @description - `too_many_admin_failures`: Too many wrong admin keys from this client; the right key waits too. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "too_many_admin_failures";
                        };
                    };
                };
            };
            /**
             * @description - `admin_key_not_configured`: No admin API key is configured, so no admin request can be let in.
             *     - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_not_configured" | "database_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    add_participants_api_meetings__meeting_id__participants_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meeting_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AllowlistAdd"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Allowlist"];
                };
            };
            /** @description - `malformed_body`: The request body cannot be read as JSON text (not UTF-8, say). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "malformed_body";
                        };
                    };
                };
            };
            /** @description - `admin_key_invalid`: The admin API key is missing or wrong. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_invalid";
                        };
                    };
                };
            };
            /** @description - `meeting_not_found`: No meeting has that id (or the id is not a UUID). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "meeting_not_found";
                        };
                    };
                };
            };
            /** @description - `meeting_finished`: The meeting is ENDED or CANCELLED and can no longer change. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "meeting_finished";
                        };
                    };
                };
            };
            /** @description - `payload_too_large`: The request body is over `MAX_REQUEST_BODY_BYTES`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "payload_too_large";
                        };
                    };
                };
            };
            /** @description - `validation_error`: The request does not match its schema; `details` name the fields. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "validation_error";
                        };
                    };
                };
            };
            /** @description - `too_many_admin_failures`: Too many wrong admin keys from this client; the right key waits too. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "too_many_admin_failures";
                        };
                    };
                };
            };
            /**
             * @description - `admin_key_not_configured`: No admin API key is configured, so no admin request can be let in.
             *     - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_not_configured" | "database_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    remove_participant_api_meetings__meeting_id__participants_delete: {
        parameters: {
            query: {
                email: string;
            };
            header?: never;
            path: {
                meeting_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description - `admin_key_invalid`: The admin API key is missing or wrong. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_invalid";
                        };
                    };
                };
            };
            /**
             * @description - `meeting_not_found`: No meeting has that id (or the id is not a UUID).
             *     - `not_on_allowlist`: That email is not on the meeting's allowlist.
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "meeting_not_found" | "not_on_allowlist";
                        };
                    };
                };
            };
            /** @description - `meeting_finished`: The meeting is ENDED or CANCELLED and can no longer change. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "meeting_finished";
                        };
                    };
                };
            };
            /** @description - `validation_error`: The request does not match its schema; `details` name the fields. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "validation_error";
                        };
                    };
                };
            };
            /** @description - `too_many_admin_failures`: Too many wrong admin keys from this client; the right key waits too. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "too_many_admin_failures";
                        };
                    };
                };
            };
            /**
             * @description - `admin_key_not_configured`: No admin API key is configured, so no admin request can be let in.
             *     - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_not_configured" | "database_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    mute_participant_api_rooms__room_name__participants__identity__mute_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                room_name: string;
                identity: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["MuteRequest"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MuteResult"];
                };
            };
            /** @description - `malformed_body`: The request body cannot be read as JSON text (not UTF-8, say). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "malformed_body";
                        };
                    };
                };
            };
            /** @description - `participant_token_invalid`: No LiveKit token, or one that is forged, expired or grants no room join. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "participant_token_invalid";
                        };
                    };
                };
            };
            /**
             * @description - `host_only`: The route is for hosts, and the token is a guest's.
             *     - `removed_from_meeting`: A host removed this identity from the meeting (or its invitation was withdrawn).
             *     - `wrong_room`: The LiveKit token is for another room.
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "host_only" | "removed_from_meeting" | "wrong_room";
                        };
                    };
                };
            };
            /**
             * @description - `participant_not_found`: That participant is not in the room.
             *     - `track_not_found`: The participant has no track with that sid.
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "participant_not_found" | "track_not_found";
                        };
                    };
                };
            };
            /** @description - `payload_too_large`: The request body is over `MAX_REQUEST_BODY_BYTES`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "payload_too_large";
                        };
                    };
                };
            };
            /** @description - `validation_error`: The request does not match its schema; `details` name the fields. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "validation_error";
                        };
                    };
                };
            };
            /**
             * @description - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `livekit_unavailable`: LiveKit's room service failed.
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "database_unavailable" | "livekit_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    remove_participant_api_rooms__room_name__participants__identity__remove_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                room_name: string;
                identity: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description - `participant_token_invalid`: No LiveKit token, or one that is forged, expired or grants no room join. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "participant_token_invalid";
                        };
                    };
                };
            };
            /**
             * @description - `host_only`: The route is for hosts, and the token is a guest's.
             *     - `removed_from_meeting`: A host removed this identity from the meeting (or its invitation was withdrawn).
             *     - `wrong_room`: The LiveKit token is for another room.
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "host_only" | "removed_from_meeting" | "wrong_room";
                        };
                    };
                };
            };
            /** @description - `participant_not_found`: That participant is not in the room. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "participant_not_found";
                        };
                    };
                };
            };
            /** @description - `validation_error`: The request does not match its schema; `details` name the fields. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "validation_error";
                        };
                    };
                };
            };
            /**
             * @description - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `livekit_unavailable`: LiveKit's room service failed.
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "database_unavailable" | "livekit_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    lower_hand_api_rooms__room_name__participants__identity__lower_hand_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                room_name: string;
                identity: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description - `participant_token_invalid`: No LiveKit token, or one that is forged, expired or grants no room join. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "participant_token_invalid";
                        };
                    };
                };
            };
            /**
             * @description - `host_only`: The route is for hosts, and the token is a guest's.
             *     - `removed_from_meeting`: A host removed this identity from the meeting (or its invitation was withdrawn).
             *     - `wrong_room`: The LiveKit token is for another room.
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "host_only" | "removed_from_meeting" | "wrong_room";
                        };
                    };
                };
            };
            /** @description - `participant_not_found`: That participant is not in the room. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "participant_not_found";
                        };
                    };
                };
            };
            /** @description - `validation_error`: The request does not match its schema; `details` name the fields. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "validation_error";
                        };
                    };
                };
            };
            /**
             * @description - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `livekit_unavailable`: LiveKit's room service failed.
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "database_unavailable" | "livekit_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    get_attendance_api_meetings__meeting_id__attendance_get: {
        parameters: {
            query?: {
                /** @description Page size, 1 to 500 */
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string | null;
            };
            header?: never;
            path: {
                meeting_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Attendance"];
                };
            };
            /** @description - `admin_key_invalid`: The admin API key is missing or wrong. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_invalid";
                        };
                    };
                };
            };
            /** @description - `meeting_not_found`: No meeting has that id (or the id is not a UUID). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "meeting_not_found";
                        };
                    };
                };
            };
            /**
             * @description - `invalid_cursor`: The cursor, or the message id paged from, is not one this listing returned.
             *     - `validation_error`: The request does not match its schema; `details` name the fields.
             */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "invalid_cursor" | "validation_error";
                        };
                    };
                };
            };
            /** @description - `too_many_admin_failures`: Too many wrong admin keys from this client; the right key waits too. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "too_many_admin_failures";
                        };
                    };
                };
            };
            /**
             * @description - `admin_key_not_configured`: No admin API key is configured, so no admin request can be let in.
             *     - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_not_configured" | "database_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    end_meeting_api_rooms__room_name__end_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                room_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description - `participant_token_invalid`: No LiveKit token, or one that is forged, expired or grants no room join. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "participant_token_invalid";
                        };
                    };
                };
            };
            /**
             * @description - `host_only`: The route is for hosts, and the token is a guest's.
             *     - `removed_from_meeting`: A host removed this identity from the meeting (or its invitation was withdrawn).
             *     - `wrong_room`: The LiveKit token is for another room.
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "host_only" | "removed_from_meeting" | "wrong_room";
                        };
                    };
                };
            };
            /** @description - `room_not_found`: No meeting uses that room name. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "room_not_found";
                        };
                    };
                };
            };
            /** @description - `meeting_finished`: The meeting is ENDED or CANCELLED and can no longer change. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "meeting_finished";
                        };
                    };
                };
            };
            /** @description - `validation_error`: The request does not match its schema; `details` name the fields. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "validation_error";
                        };
                    };
                };
            };
            /**
             * @description - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "database_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    mute_all_api_rooms__room_name__mute_all_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                room_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MuteAllResult"];
                };
            };
            /** @description - `participant_token_invalid`: No LiveKit token, or one that is forged, expired or grants no room join. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "participant_token_invalid";
                        };
                    };
                };
            };
            /**
             * @description - `host_only`: The route is for hosts, and the token is a guest's.
             *     - `removed_from_meeting`: A host removed this identity from the meeting (or its invitation was withdrawn).
             *     - `wrong_room`: The LiveKit token is for another room.
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "host_only" | "removed_from_meeting" | "wrong_room";
                        };
                    };
                };
            };
            /** @description - `room_not_found`: No meeting uses that room name. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "room_not_found";
                        };
                    };
                };
            };
            /** @description - `meeting_finished`: The meeting is ENDED or CANCELLED and can no longer change. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "meeting_finished";
                        };
                    };
                };
            };
            /** @description - `validation_error`: The request does not match its schema; `details` name the fields. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "validation_error";
                        };
                    };
                };
            };
            /**
             * @description - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `livekit_unavailable`: LiveKit's room service failed.
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "database_unavailable" | "livekit_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    lock_api_rooms__room_name__lock_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                room_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeetingControls"];
                };
            };
            /** @description - `participant_token_invalid`: No LiveKit token, or one that is forged, expired or grants no room join. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "participant_token_invalid";
                        };
                    };
                };
            };
            /**
             * @description - `host_only`: The route is for hosts, and the token is a guest's.
             *     - `removed_from_meeting`: A host removed this identity from the meeting (or its invitation was withdrawn).
             *     - `wrong_room`: The LiveKit token is for another room.
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "host_only" | "removed_from_meeting" | "wrong_room";
                        };
                    };
                };
            };
            /** @description - `room_not_found`: No meeting uses that room name. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "room_not_found";
                        };
                    };
                };
            };
            /** @description - `meeting_finished`: The meeting is ENDED or CANCELLED and can no longer change. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "meeting_finished";
                        };
                    };
                };
            };
            /** @description - `validation_error`: The request does not match its schema; `details` name the fields. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "validation_error";
                        };
                    };
                };
            };
            /**
             * @description - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "database_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    unlock_api_rooms__room_name__unlock_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                room_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeetingControls"];
                };
            };
            /** @description - `participant_token_invalid`: No LiveKit token, or one that is forged, expired or grants no room join. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "participant_token_invalid";
                        };
                    };
                };
            };
            /**
             * @description - `host_only`: The route is for hosts, and the token is a guest's.
             *     - `removed_from_meeting`: A host removed this identity from the meeting (or its invitation was withdrawn).
             *     - `wrong_room`: The LiveKit token is for another room.
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "host_only" | "removed_from_meeting" | "wrong_room";
                        };
                    };
                };
            };
            /** @description - `room_not_found`: No meeting uses that room name. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "room_not_found";
                        };
                    };
                };
            };
            /** @description - `meeting_finished`: The meeting is ENDED or CANCELLED and can no longer change. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "meeting_finished";
                        };
                    };
                };
            };
            /** @description - `validation_error`: The request does not match its schema; `details` name the fields. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "validation_error";
                        };
                    };
                };
            };
            /**
             * @description - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "database_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    extend_api_rooms__room_name__extend_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                room_name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExtendRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeetingControls"];
                };
            };
            /** @description - `malformed_body`: The request body cannot be read as JSON text (not UTF-8, say). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "malformed_body";
                        };
                    };
                };
            };
            /** @description - `participant_token_invalid`: No LiveKit token, or one that is forged, expired or grants no room join. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "participant_token_invalid";
                        };
                    };
                };
            };
            /**
             * @description - `host_only`: The route is for hosts, and the token is a guest's.
             *     - `removed_from_meeting`: A host removed this identity from the meeting (or its invitation was withdrawn).
             *     - `wrong_room`: The LiveKit token is for another room.
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "host_only" | "removed_from_meeting" | "wrong_room";
                        };
                    };
                };
            };
            /** @description - `room_not_found`: No meeting uses that room name. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "room_not_found";
                        };
                    };
                };
            };
            /** @description - `meeting_finished`: The meeting is ENDED or CANCELLED and can no longer change. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "meeting_finished";
                        };
                    };
                };
            };
            /** @description - `meeting_over`: The meeting is ENDED, CANCELLED or past its end time. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "meeting_over";
                        };
                    };
                };
            };
            /** @description - `payload_too_large`: The request body is over `MAX_REQUEST_BODY_BYTES`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "payload_too_large";
                        };
                    };
                };
            };
            /**
             * @description - `invalid_extension`: An extension of the meeting's end by anything but 15 or 30 minutes.
             *     - `validation_error`: The request does not match its schema; `details` name the fields.
             */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "invalid_extension" | "validation_error";
                        };
                    };
                };
            };
            /**
             * @description - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "database_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    make_cohost_api_rooms__room_name__participants__identity__cohost_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                room_name: string;
                identity: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description - `participant_token_invalid`: No LiveKit token, or one that is forged, expired or grants no room join. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "participant_token_invalid";
                        };
                    };
                };
            };
            /**
             * @description - `host_only`: The route is for hosts, and the token is a guest's.
             *     - `removed_from_meeting`: A host removed this identity from the meeting (or its invitation was withdrawn).
             *     - `wrong_room`: The LiveKit token is for another room.
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "host_only" | "removed_from_meeting" | "wrong_room";
                        };
                    };
                };
            };
            /**
             * @description - `participant_not_in_room`: The participant to make a co-host is not in the room.
             *     - `room_not_found`: No meeting uses that room name.
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "participant_not_in_room" | "room_not_found";
                        };
                    };
                };
            };
            /** @description - `meeting_finished`: The meeting is ENDED or CANCELLED and can no longer change. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "meeting_finished";
                        };
                    };
                };
            };
            /** @description - `validation_error`: The request does not match its schema; `details` name the fields. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "validation_error";
                        };
                    };
                };
            };
            /**
             * @description - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `livekit_unavailable`: LiveKit's room service failed.
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "database_unavailable" | "livekit_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    list_waiting_api_rooms__room_name__admissions_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                room_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WaitingList"];
                };
            };
            /** @description - `participant_token_invalid`: No LiveKit token, or one that is forged, expired or grants no room join. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "participant_token_invalid";
                        };
                    };
                };
            };
            /**
             * @description - `host_only`: The route is for hosts, and the token is a guest's.
             *     - `removed_from_meeting`: A host removed this identity from the meeting (or its invitation was withdrawn).
             *     - `wrong_room`: The LiveKit token is for another room.
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "host_only" | "removed_from_meeting" | "wrong_room";
                        };
                    };
                };
            };
            /** @description - `room_not_found`: No meeting uses that room name. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "room_not_found";
                        };
                    };
                };
            };
            /** @description - `validation_error`: The request does not match its schema; `details` name the fields. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "validation_error";
                        };
                    };
                };
            };
            /**
             * @description - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "database_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    admit_api_rooms__room_name__admissions__admission_id__admit_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                room_name: string;
                admission_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdmissionDecision"];
                };
            };
            /** @description - `participant_token_invalid`: No LiveKit token, or one that is forged, expired or grants no room join. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "participant_token_invalid";
                        };
                    };
                };
            };
            /**
             * @description - `host_only`: The route is for hosts, and the token is a guest's.
             *     - `removed_from_meeting`: A host removed this identity from the meeting (or its invitation was withdrawn).
             *     - `wrong_room`: The LiveKit token is for another room.
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "host_only" | "removed_from_meeting" | "wrong_room";
                        };
                    };
                };
            };
            /** @description - `admission_not_found`: No admission request has that id and secret (or that id in this room); which, is not said. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admission_not_found";
                        };
                    };
                };
            };
            /** @description - `admission_already_decided`: Another host decided the admission request the other way first. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admission_already_decided";
                        };
                    };
                };
            };
            /**
             * @description - `admission_expired`: The guest stopped polling, or left: hosts no longer see the request.
             *     - `meeting_over`: The meeting is ENDED, CANCELLED or past its end time.
             */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admission_expired" | "meeting_over";
                        };
                    };
                };
            };
            /** @description - `validation_error`: The request does not match its schema; `details` name the fields. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "validation_error";
                        };
                    };
                };
            };
            /**
             * @description - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "database_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    deny_api_rooms__room_name__admissions__admission_id__deny_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                room_name: string;
                admission_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdmissionDecision"];
                };
            };
            /** @description - `participant_token_invalid`: No LiveKit token, or one that is forged, expired or grants no room join. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "participant_token_invalid";
                        };
                    };
                };
            };
            /**
             * @description - `host_only`: The route is for hosts, and the token is a guest's.
             *     - `removed_from_meeting`: A host removed this identity from the meeting (or its invitation was withdrawn).
             *     - `wrong_room`: The LiveKit token is for another room.
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "host_only" | "removed_from_meeting" | "wrong_room";
                        };
                    };
                };
            };
            /** @description - `admission_not_found`: No admission request has that id and secret (or that id in this room); which, is not said. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admission_not_found";
                        };
                    };
                };
            };
            /** @description - `admission_already_decided`: Another host decided the admission request the other way first. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admission_already_decided";
                        };
                    };
                };
            };
            /**
             * @description - `admission_expired`: The guest stopped polling, or left: hosts no longer see the request.
             *     - `meeting_over`: The meeting is ENDED, CANCELLED or past its end time.
             */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admission_expired" | "meeting_over";
                        };
                    };
                };
            };
            /** @description - `validation_error`: The request does not match its schema; `details` name the fields. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "validation_error";
                        };
                    };
                };
            };
            /**
             * @description - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "database_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    read_messages_api_messages_get: {
        parameters: {
            query: {
                roomName: string;
                /** @description The id of the last message already read; omit to start at the first */
                after?: string | null;
                /** @description Page size, 1 to 200 */
                limit?: number;
                /** @description The id of the oldest message already read: the page before it */
                before?: string | null;
                /** @description The newest `limit` messages (a late joiner's first page) */
                latest?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessagePage"];
                };
            };
            /** @description - `participant_token_invalid`: No LiveKit token, or one that is forged, expired or grants no room join. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "participant_token_invalid";
                        };
                    };
                };
            };
            /**
             * @description - `removed_from_meeting`: A host removed this identity from the meeting (or its invitation was withdrawn).
             *     - `wrong_room`: The LiveKit token is for another room.
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "removed_from_meeting" | "wrong_room";
                        };
                    };
                };
            };
            /** @description - `room_not_found`: No meeting uses that room name. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "room_not_found";
                        };
                    };
                };
            };
            /**
             * @description - `invalid_cursor`: The cursor, or the message id paged from, is not one this listing returned.
             *     - `invalid_paging`: Paging parameters that cannot be combined (`after` with `before` or `latest`).
             *     - `validation_error`: The request does not match its schema; `details` name the fields.
             */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "invalid_cursor" | "invalid_paging" | "validation_error";
                        };
                    };
                };
            };
            /**
             * @description - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "database_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    send_message_api_messages_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MessageCreate"];
            };
        };
        responses: {
            /** @description A retry: this id was already stored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
            /** @description - `malformed_body`: The request body cannot be read as JSON text (not UTF-8, say). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "malformed_body";
                        };
                    };
                };
            };
            /** @description - `participant_token_invalid`: No LiveKit token, or one that is forged, expired or grants no room join. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "participant_token_invalid";
                        };
                    };
                };
            };
            /**
             * @description - `removed_from_meeting`: A host removed this identity from the meeting (or its invitation was withdrawn).
             *     - `wrong_room`: The LiveKit token is for another room.
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "removed_from_meeting" | "wrong_room";
                        };
                    };
                };
            };
            /** @description - `room_not_found`: No meeting uses that room name. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "room_not_found";
                        };
                    };
                };
            };
            /** @description - `message_id_conflict`: A different message was already sent with this id. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "message_id_conflict";
                        };
                    };
                };
            };
            /** @description - `meeting_over`: The meeting is ENDED, CANCELLED or past its end time. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "meeting_over";
                        };
                    };
                };
            };
            /** @description - `payload_too_large`: The request body is over `MAX_REQUEST_BODY_BYTES`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "payload_too_large";
                        };
                    };
                };
            };
            /**
             * @description - `invalid_message_text`: The chat text is empty, too long or holds characters that are not allowed.
             *     - `validation_error`: The request does not match its schema; `details` name the fields.
             */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "invalid_message_text" | "validation_error";
                        };
                    };
                };
            };
            /** @description - `chat_rate_limited`: Chat messages sent too fast, by this participant or in this meeting. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "chat_rate_limited";
                        };
                    };
                };
            };
            /**
             * @description - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "database_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    receive_livekit_webhook_api_livekit_webhook_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description The JWT LiveKit signs each delivery with */
                authorization?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        /** @description A LiveKit WebhookEvent in protobuf JSON (camelCase keys). */
        requestBody: {
            content: {
                "application/webhook+json": Record<string, never>;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookReceipt"];
                };
            };
            /**
             * @description - `malformed_body`: The request body cannot be read as JSON text (not UTF-8, say).
             *     - `webhook_event_invalid`: A correctly signed webhook body that is not a LiveKit event.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "malformed_body" | "webhook_event_invalid";
                        };
                    };
                };
            };
            /** @description - `webhook_signature_invalid`: The webhook's signature is missing, forged, expired or not for this body. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "webhook_signature_invalid";
                        };
                    };
                };
            };
            /** @description - `payload_too_large`: The request body is over `MAX_REQUEST_BODY_BYTES`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "payload_too_large";
                        };
                    };
                };
            };
            /** @description - `validation_error`: The request does not match its schema; `details` name the fields. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "validation_error";
                        };
                    };
                };
            };
            /**
             * @description - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "database_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    run_pass_get_api_scheduler_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PassReport"];
                };
            };
            /** @description - `admin_key_invalid`: The admin API key is missing or wrong. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_invalid";
                        };
                    };
                };
            };
            /** @description - `too_many_admin_failures`: Too many wrong admin keys from this client; the right key waits too. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "too_many_admin_failures";
                        };
                    };
                };
            };
            /**
             * @description - `admin_key_not_configured`: No admin API key is configured, so no admin request can be let in.
             *     - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_not_configured" | "database_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
    run_pass_post_api_scheduler_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PassReport"];
                };
            };
            /** @description - `admin_key_invalid`: The admin API key is missing or wrong. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_invalid";
                        };
                    };
                };
            };
            /** @description - `too_many_admin_failures`: Too many wrong admin keys from this client; the right key waits too. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "too_many_admin_failures";
                        };
                    };
                };
            };
            /**
             * @description - `admin_key_not_configured`: No admin API key is configured, so no admin request can be let in.
             *     - `database_unavailable`: The database could not be reached, dropped the connection mid-request, or is too busy (no connection free in time, or a statement ran past its timeout).
             *     - `secret_unavailable`: A configured secret could not be read, or does not have the expected shape.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "admin_key_not_configured" | "database_unavailable" | "secret_unavailable";
                        };
                    };
                };
            };
        };
    };
}
