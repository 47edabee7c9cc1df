"""Who may use the host routes: a host, or a co-host a host promoted.

The bearer is the caller's own LiveKit token for the room the path names (checked
by ``verify_participant_token``: none, forged or expired → 401, another room's →
403 ``wrong_room``). A token with ``room_admin`` (earned with the host key) is a
host's; a co-host's token has no such grant (LiveKit cannot add one to a token
already issued), so the service's own record of the promotion stands in for it.
Anyone else → 403 ``host_only``; an identity a host removed → 403
``removed_from_meeting``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from meet_common.deps import Db
from meet_common.errors import HostOnly
from meet_common.participant_auth import (
    Participant,
    ensure_not_barred,
    participant_credentials,
    verify_participant_token,
)
from meet_common.repo import identities


def require_host(
    room_name: str, db: Db, token: Annotated[str | None, Depends(participant_credentials)]
) -> Participant:
    caller = verify_participant_token(token, room_name)
    with db.transaction() as conn:
        ensure_not_barred(conn, caller)
        if not caller.is_admin and not identities.is_cohost(conn, room_name, caller.identity):
            raise HostOnly("Only a host or co-host may do that.")
    return caller


Host = Annotated[Participant, Depends(require_host)]
