"""One provider class for every host in `providers.lexicon.table`, driving its dns-lexicon backend.

The backend is built directly, with a config resolver holding only what we give it: no
`LEXICON_*` environment variables, no `lexicon.yml` from the working directory, and no
`lexicon.Client`, whose zone guess would download the public suffix list (the wizard already
knows the zone). The TTL and priority of each change are set in that config just before its call,
since a backend reads them from there (its own default TTL, 3600, is never used). Creates,
deletes and updates go by the record's id where the row says the backend keeps to it, and the
base class reads every written name back and compares it with the plan.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any, ClassVar

from providers.base import Capabilities, Existing, Progress, Provider, TextOption
from providers.lexicon.errors import lexicon_error
from providers.lexicon.records import content_for, record_from
from providers.lexicon.table import LexiconHost
from providers.lexicon.timeouts import limit_backend_requests
from wizard.model.changes import Change
from wizard.model.errors import ProviderError
from wizard.model.records import Record

#: A listed record with the backend's id for it, as the backend gave it (INWX's is an int).
Listed = tuple[Record, Any]


class LexiconProvider(Provider):
    """A DNS host written through its dns-lexicon backend; a subclass names its row."""

    host: ClassVar[LexiconHost]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        host = cls.host
        cls.id = host.id
        cls.display_name = host.name
        cls.options = (
            *host.options,
            TextOption(
                "api_address",
                "API address",
                f"{host.name}'s API address (a proxy or a test server may stand in for it).",
                required=False,
                default=host.api_address,
                advanced=True,
            ),
        )
        cls.capabilities = Capabilities(
            record_types=host.record_types,
            ttl_range=host.ttl_range,
            ttl_per_set=host.ttl_per_set,
            txt_max_length=None if host.long_txt else 255,
            txt_refused=host.txt_refused,
            limits=host.limits,
            ttl_settable=host.ttl_settable,
            automatic_ttl=host.automatic_ttl,
        )

    def __init__(self, settings: dict[str, str] | None = None) -> None:
        super().__init__(settings)
        self._backends: dict[str, tuple[Any, dict[str, Any]]] = {}

    # -- the backend --------------------------------------------------------------------------
    def _backend(self, zone: str) -> tuple[Any, dict[str, Any]]:
        """The authenticated backend for `zone`, and the config dict its calls read."""
        if zone in self._backends:
            return self._backends[zone]
        from lexicon.config import ConfigResolver  # imported only when a host is used

        host = self.host
        limit_backend_requests()
        module = importlib.import_module(f"lexicon._private.providers.{host.backend}")
        own: dict[str, Any] = dict(host.fixed)
        for ours, theirs in host.settings.items():
            value = self.settings.get(ours)
            if value is not None:
                own[theirs] = str(value)
        address = self.text("api_address") or host.api_address
        kind, _, name = host.endpoint.partition(":")
        if kind == "option":
            own[name] = address
        params: dict[str, Any] = {
            "provider_name": host.backend,
            "domain": zone,
            "ttl": host.default_ttl,
            host.backend: own,
        }
        config = ConfigResolver().with_dict(params)  # type: ignore[no-untyped-call]
        with lexicon_error(host.name, zone, self.scrub, at_login=True):
            backend = module.Provider(config)
            if kind == "attr":  # a dotted name reaches into the backend (Hetzner's two APIs)
                *path, attribute = name.split(".")
                target = backend
                for part in path:
                    target = getattr(target, part)
                setattr(target, attribute, address)
            backend.authenticate()
        self._backends[zone] = (backend, params)
        return backend, params

    def _listing(self, zone: str, names: Sequence[str]) -> list[Listed]:
        """The records the backend lists: at `names` where the row lists by name, else all."""
        backend, _ = self._backend(zone)
        with lexicon_error(self.host.name, zone, self.scrub):
            if self.host.list_by_name:
                items = [i for n in dict.fromkeys(names) for i in backend.list_records(name=n)]
            else:
                items = backend.list_records()
        listed: list[Listed] = []
        for item in items:
            record = record_from(self.host, zone, item)
            if record is not None:
                listed.append((record, item.get("id")))
        return listed

    # -- the contract -------------------------------------------------------------------------
    def _list_records(self, zone: str, names: Sequence[str]) -> Existing:
        wanted = set(names)
        return Existing(tuple(r for r, _ in self._listing(zone, names) if r.name in wanted))

    def _apply(self, zone: str, changes: Sequence[Change], progress: Progress) -> None:
        backend, params = self._backend(zone)
        listed = self._listing(zone, [c.record.name for c in changes])
        set_ttls = self._set_ttls(listed, changes)
        for change in changes:
            progress(f"{self.host.name}: {change}")
            set_ttl = set_ttls.get(change.record.key)
            with lexicon_error(self.host.name, zone, self.scrub):
                # A value already gone needs no delete: the read-back confirms the names.
                held = _taken(change.existing, listed) if change.existing else None
                if held is not None and change.new is not None and self.host.update_by_id:
                    self._set_call(params, change.new, set_ttl)
                    backend.update_record(
                        held[1],
                        change.new.type,
                        self._name(zone, change.new),
                        content_for(self.host, change.new),
                    )
                    continue
                if held is not None:
                    self._delete(backend, zone, held)
                if change.new is not None:
                    self._set_call(params, change.new, set_ttl)
                    backend.create_record(
                        change.new.type,
                        self._name(zone, change.new),
                        content_for(self.host, change.new),
                    )

    def _delete(self, backend: Any, zone: str, held: Listed) -> None:
        """Delete one listed record: by its id, or where ids do not name one record (Hetzner's
        sets, Gandi's names) by naming its type, name and value."""
        record, identifier = held
        if self.host.record_ids:
            backend.delete_record(identifier)
        else:
            backend.delete_record(
                None, record.type, self._name(zone, record), content_for(self.host, record)
            )

    def _set_ttls(
        self, listed: list[Listed], changes: Sequence[Change]
    ) -> dict[tuple[str, str], int]:
        """On a host with one TTL per set: the TTL of each set whose values stay beside the
        changes, by key. Refuses, before anything is sent, a value created or removed beside
        values that a removal would leave at another TTL (the row's `set_rewrite_ttl`)."""
        if not self.host.ttl_per_set and self.host.set_rewrite_ttl is None:
            return {}
        removed = [c.existing for c in changes if c.existing is not None]
        ttls: dict[tuple[str, str], int] = {}
        for change in changes:
            record = change.record
            stay = [
                held
                for held, _ in listed
                if held.key == record.key
                and held.ttl is not None
                and not any(held.same_data(gone) for gone in removed)
                and not (change.new is not None and held.same_data(change.new))
            ]
            if not stay:
                continue
            ttls[record.key] = stay[0].ttl or 0
            kept = self.host.set_rewrite_ttl
            replaced = change.existing is not None and change.new is not None
            # A replacement ends with the set rewritten at its own TTL; a lone create or
            # removal (and a create's revert) leaves the rest at `kept`.
            moved = [h for h in stay if kept is not None and h.ttl != kept and not replaced]
            if moved:
                raise ProviderError(
                    f"{self.host.name} keeps the {record.type} values of {record.name} as one "
                    f"set, and its backend removes one value by rewriting the rest with TTL "
                    f"{kept}; {moved[0]} has TTL {moved[0].ttl}, so writing or removing "
                    f"{record} beside it would change it (now or on a revert). Enter {record} "
                    f"in {self.host.name}'s own DNS page instead. Nothing was written.",
                    title="Not written",
                )
        return ttls if self.host.ttl_per_set else {}

    def _name(self, zone: str, record: Record) -> str:
        """The name the backend is given: fully qualified, or the host's word for the apex."""
        if record.name == zone and self.host.apex is not None:
            return self.host.apex
        return record.name

    def _set_call(self, params: dict[str, Any], record: Record, set_ttl: int | None = None) -> None:
        """The TTL and priority this one call writes: the backend reads them from its config.
        `set_ttl`: the TTL of values staying in the record's set, where a set has one."""
        if set_ttl is not None:
            params["ttl"] = set_ttl
        else:
            params["ttl"] = self.host.default_ttl if record.ttl is None else record.ttl
        if record.priority is None:
            params.pop("priority", None)
        else:
            # A string unless the row says integer: some backends refuse an int.
            params["priority"] = record.priority if self.host.priority_int else str(record.priority)

    def close(self) -> None:
        for backend, _ in self._backends.values():
            try:
                backend.cleanup()
            except Exception:  # noqa: BLE001 - a failed logout must not hide the outcome
                pass
        self._backends.clear()


def _taken(record: Record, listed: list[Listed]) -> Listed | None:
    """The listed record (with its id) that says what `record` says, taken once; None when the
    host holds no such record."""
    for index, entry in enumerate(listed):
        if entry[0].same_data(record):
            del listed[index]
            return entry
    return None
