-- LiveKit webhooks and the lifecycle pass.

-- Each webhook event id LiveKit delivered and this service applied, so a redelivery
-- (or a concurrent duplicate) changes nothing: the apply inserts the id in the same
-- transaction, ON CONFLICT DO NOTHING. Ids older than the purge window are forgotten
-- by the lifecycle pass; LiveKit retries for minutes, not days.
CREATE TABLE webhook_events (
    id          text        PRIMARY KEY,
    event       text        NOT NULL,
    room_name   text        NOT NULL,
    -- LiveKit's created_at of the event (seconds), or the receive time when absent.
    occurred_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_events_received_at_idx ON webhook_events (received_at);

-- Who was in a meeting's room and when, from participant_joined / participant_left /
-- participant_connection_aborted. One row per connection: the tokens function makes
-- identities unique per join, and LiveKit gives each connection its own sid. Events
-- may arrive in any order, so a row is upserted by whichever comes first and each
-- column only ever moves towards the truth (earliest join, earliest leave).
CREATE TABLE attendance (
    meeting_id      uuid        NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    identity        text        NOT NULL,
    participant_sid text        NOT NULL,
    name            text,
    email           text,
    joined_at       timestamptz NOT NULL,
    left_at         timestamptz,
    -- When this service last wrote the row (the database's clock): the lifecycle
    -- pass's reconcile step leaves alone rows written after it asked LiveKit.
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (meeting_id, identity, participant_sid)
);
-- participant_count is the number of open rows; closing them goes by meeting.
CREATE INDEX attendance_open_idx ON attendance (meeting_id) WHERE left_at IS NULL;

-- Room work of the lifecycle pass. room_created_at: LiveKit accepted CreateRoom with
-- the meeting's limits (until then an ACTIVE meeting's room is retried each pass).
-- room_work_until: a pass has claimed the meeting's room call until then, so two
-- passes at once never both make it; a failed call clears it for the next pass, and
-- a pass that died mid-call is superseded once it lapses.
ALTER TABLE meetings
    ADD COLUMN room_created_at timestamptz,
    ADD COLUMN room_work_until timestamptz;

CREATE INDEX meetings_room_create_idx ON meetings (end_time)
    WHERE status = 'ACTIVE' AND room_created_at IS NULL;
-- The reconcile step looks at running meetings that believe someone is in them.
CREATE INDEX meetings_occupied_idx ON meetings (id)
    WHERE status = 'ACTIVE' AND participant_count > 0;
