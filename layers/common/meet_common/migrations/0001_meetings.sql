-- Meetings and their allowlists.
CREATE TABLE meetings (
    id               uuid PRIMARY KEY,
    title            text        NOT NULL,
    description      text,
    room_name        text        NOT NULL UNIQUE,
    status           text        NOT NULL
                     CHECK (status IN ('SCHEDULED', 'ACTIVE', 'ENDED', 'CANCELLED')),
    is_public        boolean     NOT NULL DEFAULT true,
    is_instant       boolean     NOT NULL DEFAULT false,
    start_time       timestamptz NOT NULL,
    end_time         timestamptz NOT NULL,
    started_at       timestamptz,
    ended_at         timestamptz,
    -- Set once LiveKit confirms the room is gone; until then the lifecycle pass
    -- keeps trying to delete the room of an ENDED or CANCELLED meeting.
    room_deleted_at  timestamptz,
    -- Meeting passwords and host keys travel in links; the admin view shows them,
    -- so they are stored as given, not hashed.
    password         text        NOT NULL,
    host_key         text        NOT NULL,
    participant_count integer    NOT NULL DEFAULT 0 CHECK (participant_count >= 0),
    max_participants integer     CHECK (max_participants > 0),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (end_time > start_time)
);

-- The dashboard lists newest start first, paged by (start_time, id).
CREATE INDEX meetings_start_id_idx ON meetings (start_time DESC, id DESC);
-- The lifecycle pass looks for due SCHEDULED and expired ACTIVE meetings.
CREATE INDEX meetings_scheduled_start_idx ON meetings (start_time) WHERE status = 'SCHEDULED';
CREATE INDEX meetings_active_end_idx ON meetings (end_time) WHERE status = 'ACTIVE';
CREATE INDEX meetings_room_cleanup_idx ON meetings (ended_at)
    WHERE status IN ('ENDED', 'CANCELLED') AND room_deleted_at IS NULL;

CREATE TABLE meeting_participants (
    meeting_id uuid        NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    email      text        NOT NULL CHECK (email = lower(email)),
    name       text,
    added_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (meeting_id, email)
);
