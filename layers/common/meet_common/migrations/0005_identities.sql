-- Who each join token went to, and LiveKit's real room lifecycle.

-- One row per identity the tokens function issued a join token to. LiveKit shows a
-- token's attributes and metadata to everyone in the room, so tokens carry no
-- private data: attendance and allowlist withdrawals find a participant's email
-- here, by identity. barred_at: a host removed this identity, so its token no
-- longer works on the service's own API for the rest of the meeting.
CREATE TABLE issued_identities (
    meeting_id uuid        NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    identity   text        NOT NULL,
    name       text        NOT NULL,
    email      text        CHECK (email = lower(email)),
    is_host    boolean     NOT NULL DEFAULT false,
    issued_at  timestamptz NOT NULL,
    barred_at  timestamptz,
    PRIMARY KEY (meeting_id, identity)
);
-- Withdrawing an invitation finds the identities issued to that email.
CREATE INDEX issued_identities_email_idx ON issued_identities (meeting_id, email)
    WHERE email IS NOT NULL;

-- One person is one open attendance row at a time: a reconnect (same identity, new
-- participant sid) closes the earlier row. Rows left open by a lost leave are
-- closed at the newer row's join first, so the index can be built.
UPDATE attendance a SET left_at = GREATEST(a.joined_at, n.joined_at), updated_at = now()
FROM (
    SELECT meeting_id, identity, participant_sid,
           lead(joined_at) OVER (PARTITION BY meeting_id, identity
                                 ORDER BY joined_at, participant_sid) AS joined_at
    FROM attendance WHERE left_at IS NULL
) n
WHERE a.meeting_id = n.meeting_id AND a.identity = n.identity
  AND a.participant_sid = n.participant_sid AND n.joined_at IS NOT NULL;
CREATE UNIQUE INDEX attendance_one_open_row_idx ON attendance (meeting_id, identity)
    WHERE left_at IS NULL;

ALTER TABLE meetings
    -- LiveKit closed the room (room_finished: its empty or departure timeout, or a
    -- delete); cleared when it starts again. A meeting never ends because of it.
    ADD COLUMN room_closed_at timestamptz,
    -- A lifecycle pass holds the meeting's attendance check (ListParticipants)
    -- until then; room_work_until leases the create/delete calls.
    ADD COLUMN reconcile_until timestamptz;
