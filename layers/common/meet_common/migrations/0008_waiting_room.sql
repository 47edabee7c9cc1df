-- The waiting room: a meeting may hold guests until a host lets them in.

ALTER TABLE meetings ADD COLUMN waiting_room boolean NOT NULL DEFAULT false;

-- One row per guest waiting to be let in (or let in, or turned away). The guest holds
-- a random request secret; only its SHA-256 is kept. The identity the guest's token
-- will carry is fixed when the request is made, so every token the request yields has
-- the same claims. A request the guest stopped polling (last_seen older than the
-- expiry window) is expired: hosts no longer see it and cannot admit it.
CREATE TABLE admission_requests (
    id          uuid        PRIMARY KEY,
    meeting_id  uuid        NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    secret_hash bytea       NOT NULL,
    identity    text        NOT NULL,
    name        text        NOT NULL,
    email       text        CHECK (email = lower(email)),
    status      text        NOT NULL DEFAULT 'waiting'
                            CHECK (status IN ('waiting', 'admitted', 'denied', 'expired')),
    created_at  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL,
    decided_at  timestamptz,
    decided_by  text
);
-- The hosts' list: the waiting requests of one meeting, oldest first.
CREATE INDEX admission_requests_waiting_idx ON admission_requests (meeting_id, created_at)
    WHERE status = 'waiting';
