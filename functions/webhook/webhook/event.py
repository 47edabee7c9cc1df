"""A webhook body as the event the service applies: the few fields it reads.

LiveKit posts a ``WebhookEvent`` in protobuf JSON (protocol webhook/url_notifier.go
``send``: ``protojson.Marshal``): lowerCamelCase names, int64 values as strings,
enums by name. protobuf's ``json_format.Parse`` builds the whole message (every
track, layer and permission of the participant) in Python, which costs more than
verifying and applying the event together; what the service reads is seven fields.

``parse`` walks the ``json.loads`` document against the message's descriptors
instead, checking each value the way ``json_format.Parse(...,
ignore_unknown_fields=True)`` does, and takes the fields it needs as it goes. It
accepts only what that parser certainly accepts, to the same values: every name a
field's JSON name or unknown (unknown names are skipped, as there), strings without
unpaired surrogates, integers as JSON numbers or decimal strings within the field's
range, enums by a name of theirs, booleans as booleans, messages as objects, lists
and maps of these, no duplicate keys. Anything else it leaves to ``json_format``
itself (``Fallback``): floats, bytes, proto field names, numeric or unknown enum
values, nulls, oneofs, well-known types, extensions. A body the fallback rejects is
rejected as before (``json_format.ParseError``), and one it accepts gives the same
event, so what the endpoint answers does not depend on which path read the body.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from google.protobuf.descriptor import Descriptor, FieldDescriptor
from livekit.protocol.webhook import WebhookEvent


@dataclass(frozen=True)
class Room:
    name: str = ""


@dataclass(frozen=True)
class Participant:
    sid: str = ""
    identity: str = ""
    name: str = ""
    joined_at: int = 0  # seconds
    joined_at_ms: int = 0


@dataclass(frozen=True)
class Event:
    """The fields of a ``WebhookEvent`` the service reads, under the same names."""

    event: str = ""
    id: str = ""
    created_at: int = 0  # seconds
    room: Room = field(default_factory=Room)
    participant: Participant = field(default_factory=Participant)


def from_message(message: WebhookEvent) -> Event:
    participant = message.participant
    return Event(
        event=message.event,
        id=message.id,
        created_at=message.created_at,
        room=Room(name=message.room.name),
        participant=Participant(
            sid=participant.sid,
            identity=participant.identity,
            name=participant.name,
            joined_at=participant.joined_at,
            joined_at_ms=participant.joined_at_ms,
        ),
    )


class Fallback(Exception):
    """Not certainly what json_format accepts: let it decide."""


# json_format's own check for strings (_UNPAIRED_SURROGATE_PATTERN).
_UNPAIRED_SURROGATE = re.compile(
    "[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]"
)
_DECIMAL = re.compile(r"-?[0-9]+\Z")
# The ranges upb enforces when json_format sets an integer field.
_INT_RANGES = {
    FieldDescriptor.CPPTYPE_INT32: (-(2**31), 2**31 - 1),
    FieldDescriptor.CPPTYPE_INT64: (-(2**63), 2**63 - 1),
    FieldDescriptor.CPPTYPE_UINT32: (0, 2**32 - 1),
    FieldDescriptor.CPPTYPE_UINT64: (0, 2**64 - 1),
}
# Far below json_format's limit of 100 nested messages; WebhookEvent nests a few.
_MAX_DEPTH = 32


def _string(value: Any) -> str:
    if type(value) is not str or (not value.isascii() and _UNPAIRED_SURROGATE.search(value)):
        raise Fallback
    return value


def _integer(value: Any, cpp_type: int) -> int:
    if type(value) is int:
        number = value
    elif type(value) is str and _DECIMAL.match(value):
        number = int(value)
    else:
        raise Fallback  # floats, exponents, spaces, booleans: json_format's business
    low, high = _INT_RANGES[cpp_type]
    if not low <= number <= high:
        raise Fallback
    return number


# A field's check of one JSON value, at a message nesting depth.
Check = Callable[[Any, int], None]


def _never(value: Any, depth: int) -> None:
    raise Fallback


def _single(described: FieldDescriptor) -> Check:
    """The check of one value of ``described``'s type (one element, when repeated)."""
    cpp_type = described.cpp_type
    if cpp_type == FieldDescriptor.CPPTYPE_STRING and described.type == FieldDescriptor.TYPE_STRING:

        def string(value: Any, depth: int) -> None:
            _string(value)

        return string
    if cpp_type in _INT_RANGES:

        def integer(value: Any, depth: int) -> None:
            _integer(value, cpp_type)

        return integer
    if cpp_type == FieldDescriptor.CPPTYPE_BOOL:

        def boolean(value: Any, depth: int) -> None:
            if type(value) is not bool:
                raise Fallback

        return boolean
    enum_type = described.enum_type
    if cpp_type == FieldDescriptor.CPPTYPE_ENUM and enum_type is not None:
        names = frozenset(enum_type.values_by_name)

        def enum(value: Any, depth: int) -> None:
            if type(value) is not str or value not in names:
                raise Fallback

        return enum
    message_type = described.message_type
    if cpp_type == FieldDescriptor.CPPTYPE_MESSAGE and message_type is not None:

        def message(value: Any, depth: int) -> None:
            _check_message(value, message_type, depth + 1)

        return message
    return _never  # bytes, float, double


def _compile(described: FieldDescriptor) -> Check:
    """The check of a field's JSON value: nulls and oneof members are left to
    json_format (a null clears a field; two members of a oneof are an error)."""
    if described.containing_oneof is not None:
        return _never
    entry = described.message_type
    if entry is not None and entry.GetOptions().map_entry:
        if entry.fields_by_name["key"].type != FieldDescriptor.TYPE_STRING:
            return _never
        item_check = _single(entry.fields_by_name["value"])

        def mapping(value: Any, depth: int) -> None:
            if type(value) is not dict:
                raise Fallback
            for key, item in value.items():
                _string(key)
                if item is None:
                    raise Fallback
                item_check(item, depth)

        return mapping
    element_check = _single(described)
    if described.is_repeated:

        def repeated(value: Any, depth: int) -> None:
            if type(value) is not list:
                raise Fallback
            for item in value:
                if item is None:
                    raise Fallback
                element_check(item, depth)

        return repeated

    def single(value: Any, depth: int) -> None:
        if value is None:
            raise Fallback
        element_check(value, depth)

    return single


class _Shape:
    """One message type: a check per field JSON name, and the names json_format would
    also take for a field (proto names that differ), which are left to it."""

    def __init__(self, descriptor: Descriptor) -> None:
        self.checks = {f.json_name: _compile(f) for f in descriptor.fields}
        self.other_names = {f.name for f in descriptor.fields} - set(self.checks)
        # Well-known types have JSON forms of their own.
        self.well_known = descriptor.full_name.startswith("google.protobuf.")


_SHAPES: dict[str, _Shape] = {}


def _check_message(value: Any, descriptor: Descriptor, depth: int) -> dict[str, Any]:
    """``value`` as json_format would take it for ``descriptor``; its fields by JSON
    name (values as given)."""
    shape = _SHAPES.get(descriptor.full_name)
    if shape is None:
        shape = _SHAPES[descriptor.full_name] = _Shape(descriptor)
    if type(value) is not dict or depth > _MAX_DEPTH or shape.well_known:
        raise Fallback
    checks = shape.checks
    for name, item in value.items():
        check = checks.get(name)
        if check is None:
            if name in shape.other_names or name.startswith("["):
                raise Fallback  # a proto name, or an extension
            continue  # unknown: json_format skips it too
        check(item, depth)
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json_format refuses a duplicate key (its _DuplicateChecker).
    document = dict(pairs)
    if len(document) != len(pairs):
        raise Fallback
    return document


_EVENT = cast(Descriptor, WebhookEvent.DESCRIPTOR)
_INT64 = FieldDescriptor.CPPTYPE_INT64


def _fast(text: str) -> Event:
    document = _check_message(json.loads(text, object_pairs_hook=_unique_keys), _EVENT, 1)
    # Checked above, every value read here is of its field's type.
    room = document.get("room") or {}
    person = document.get("participant") or {}
    return Event(
        event=document.get("event", ""),
        id=document.get("id", ""),
        created_at=_integer(document.get("createdAt", 0), _INT64),
        room=Room(name=room.get("name", "")),
        participant=Participant(
            sid=person.get("sid", ""),
            identity=person.get("identity", ""),
            name=person.get("name", ""),
            joined_at=_integer(person.get("joinedAt", 0), _INT64),
            joined_at_ms=_integer(person.get("joinedAtMs", 0), _INT64),
        ),
    )


def parse(text: str) -> Event:
    """The event in a webhook body; ``json_format.ParseError`` when it is not a
    ``WebhookEvent`` in protobuf JSON (unknown fields are ignored)."""
    try:
        return _fast(text)
    except Exception:  # Fallback, or anything unforeseen: json_format decides
        from google.protobuf import json_format

        return from_message(json_format.Parse(text, WebhookEvent(), ignore_unknown_fields=True))
