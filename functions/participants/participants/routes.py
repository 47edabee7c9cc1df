"""HTTP routes of the participants function.

``router`` is what the function's app and the local server include: the allowlist,
moderation, host-control and attendance routes live in their own modules and are included here.
"""

from __future__ import annotations

from fastapi import APIRouter

from participants import (
    admission_routes,
    allowlist_routes,
    attendance_routes,
    host_routes,
    moderation_routes,
)

router = APIRouter(tags=["participants"])
router.include_router(allowlist_routes.router)
router.include_router(moderation_routes.router)
router.include_router(attendance_routes.router)
router.include_router(host_routes.router)
router.include_router(admission_routes.router)
