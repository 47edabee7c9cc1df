-- Failed join attempts, for the per-meeting, per-client limiter of the token endpoint.
-- One row per failure (never a counter that concurrent requests could both read and
-- overwrite). Successful joins are not stored. Rows older than the limiter window mean
-- nothing and are pruned a batch at a time as new failures arrive.
CREATE TABLE failed_join_attempts (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    meeting_id   uuid        NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    client_ip    text        NOT NULL,
    reason       text        NOT NULL CHECK (reason IN ('password', 'host_key', 'allowlist')),
    attempted_at timestamptz NOT NULL
);

-- The limiter reads one client's newest failures for one meeting.
CREATE INDEX failed_join_attempts_client_idx
    ON failed_join_attempts (meeting_id, client_ip, attempted_at DESC);
-- Pruning takes the oldest rows first.
CREATE INDEX failed_join_attempts_attempted_at_idx ON failed_join_attempts (attempted_at);
