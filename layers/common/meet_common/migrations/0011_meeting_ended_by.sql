-- Who or what ended (or cancelled) a meeting: 'host' (End for everyone inside it),
-- 'organiser' (the admin API's end or cancel), 'schedule' (the lifecycle pass: its
-- end time passed) or 'empty' (the lifecycle pass: an instant meeting everyone left).
-- A page that LiveKit's room deletion disconnects reads it from the room summary, so
-- it can say "the host ended the meeting" even when the leave reached it before the
-- host's "ended" data packet (the two travel on different connections). Set once, in
-- the transition to ENDED or CANCELLED; NULL before then, and for meetings that
-- finished before this column existed.
ALTER TABLE meetings
    ADD COLUMN ended_by text
        CHECK (ended_by IN ('host', 'organiser', 'schedule', 'empty')),
    ADD CHECK (ended_by IS NULL OR status IN ('ENDED', 'CANCELLED'));
