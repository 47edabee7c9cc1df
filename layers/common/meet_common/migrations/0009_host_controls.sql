-- Host controls inside a meeting.

-- A host locked the meeting: the tokens function refuses new joins (403
-- meeting_locked) except with the host key, until a host unlocks it.
ALTER TABLE meetings ADD COLUMN locked_at timestamptz;

-- A host made this identity a co-host: the service's host routes accept its token
-- as a host's, and LiveKit carries the role to every page as a participant attribute.
ALTER TABLE issued_identities ADD COLUMN cohost_at timestamptz;
