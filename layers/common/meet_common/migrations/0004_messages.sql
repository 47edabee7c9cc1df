-- Chat history (the messages function).
--
-- A message's place in its meeting's history is ``seq``, handed out by the
-- meeting's row in message_counters inside the inserting transaction. That row
-- stays locked until the transaction ends, so a meeting's messages commit in
-- ``seq`` order: a reader paging on ``seq`` never passes a number that a
-- still-running insert will fill in later (see meet_common/repo/messages.py).
CREATE TABLE message_counters (
    meeting_id uuid   PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
    last_seq   bigint NOT NULL CHECK (last_seq > 0)
);

CREATE TABLE messages (
    -- The client's id when it sent one (retries are idempotent), else a fresh UUID.
    id         uuid        PRIMARY KEY,
    meeting_id uuid        NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    -- Copied from the meeting (room names are never reused) so a row says where it belongs.
    room_name  text        NOT NULL,
    seq        bigint      NOT NULL CHECK (seq > 0),
    identity   text        NOT NULL,
    name       text        NOT NULL,
    text       text        NOT NULL CHECK (char_length(text) BETWEEN 1 AND 2000),
    created_at timestamptz NOT NULL DEFAULT now(),
    -- History pages, the retention purge and the ON DELETE CASCADE all go through it.
    UNIQUE (meeting_id, seq)
);
