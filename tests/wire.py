"""A Flet web client at the protocol level (no browser): registers, answers the device's method calls from an
in-memory storage, mirrors the control tree from the server's patches, and taps controls by semantics identifier.

Used by the storage and safety-net tests (tests/ui/test_served_storage.py) and by the capacity benchmark
(benchmarks/bench_capacity.py): a browser per session saturates two cores at about ten pages; this costs a few
hundred kilobytes per session on the client side.

The wire format (flet 1.0.5, flet/messaging/protocol.py): each WebSocket frame is 0x00 + msgpack([action, body]).
A patch is [path table, *ops]: the table is a tree of [index, {part: node}], an op is [kind, node index, key,
value] (kind 0 replace, 1 add, 2 remove, 3 move with a second node index and key instead of a value).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import msgpack
import websockets
from flet.messaging.protocol import decode_ext_from_msgpack

REGISTER, PATCH, EVENT, PROPS, INVOKE, CRASHED = 1, 2, 3, 4, 5, 6

PHONE_PAGE: dict[str, Any] = {
    "route": "/",
    "web": True,
    "pwa": False,
    "debug": False,
    "platform": "android",
    "width": 412,
    "height": 915,
    "platform_brightness": "light",
    "media": {},
    "window": {},
}


def _pack(action: int, body: Any) -> bytes:
    return b"\x00" + msgpack.packb([action, body])


@dataclass
class Received:
    """What the server sent, in order, with the time each frame arrived (time.perf_counter)."""

    patches: list[tuple[float, dict[str, Any]]] = field(default_factory=list)
    crashed: list[str] = field(default_factory=list)
    invoked: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


class WireClient:
    """One browser tab, as the server sees it. `prefs` is the device's storage (shared by reference, so a second
    client with the same dict is the same device after a reload)."""

    def __init__(
        self,
        url: str,
        *,
        prefs: dict[str, Any] | None = None,
        route: str = "/",
        languages: tuple[str, ...] = ("en-US",),
        user_agent: str = "calf-check-wire/1",
        fast: bool = False,
    ) -> None:
        self.ws_url = url.replace("http://", "ws://").rstrip("/") + "/ws"
        self.prefs: dict[str, Any] = {} if prefs is None else prefs
        self.route = route
        self.languages = languages
        self.user_agent = user_agent
        self.session_id: str | None = None
        self.fast = fast
        """Find controls by the last identifier seen, without checking that they are still shown (the capacity
        benchmark: a thousand clients walking the whole tree at every patch would measure the client)."""
        self._by_identifier: dict[str, dict[str, Any]] = {}
        self.controls: dict[int, dict[str, Any]] = {}
        self.got = Received()
        self._ws: Any = None
        self._reader: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()
        self.closed = asyncio.Event()

    # ------------------------------------------------------------ connection

    async def open(self, session_id: str | None = None, timeout: float = 30) -> None:
        """Connect and register (with `session_id`: come back to that session, as the web client does after a lost
        connection)."""
        self._ws = await asyncio.wait_for(
            websockets.connect(
                self.ws_url, max_size=None, user_agent_header=self.user_agent, open_timeout=timeout, ping_interval=None
            ),
            timeout,
        )
        page = {**PHONE_PAGE, "route": self.route}
        await self._ws.send(_pack(REGISTER, {"session_id": session_id, "page_name": "", "page": page}))
        frame = await asyncio.wait_for(self._ws.recv(), timeout)
        reply = msgpack.unpackb(frame[1:], ext_hook=decode_ext_from_msgpack)
        self.session_id = reply[1]["session_id"]
        root = self.controls.setdefault(1, {"_i": 1, "_c": "Page"})
        patch = reply[1].get("page_patch")
        if isinstance(patch, dict):
            root.update(patch)
            self._index(patch)
        self._reader = asyncio.create_task(self._read())

    async def close(self) -> None:
        """Close the connection as a closed tab does (the server keeps the session for its timeout)."""
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(BaseException):
                await self._reader

    async def _read(self) -> None:
        try:
            async for data in self._ws:
                now = time.perf_counter()
                if not data or data[0] != 0:
                    continue
                action, body = msgpack.unpackb(data[1:], ext_hook=decode_ext_from_msgpack, strict_map_key=False)
                if action == PATCH:
                    self.got.patches.append((now, body))
                    self._apply(body["id"], body["patch"])
                    self._changed.set()
                elif action == INVOKE:
                    await self._answer(body)
                elif action == CRASHED:
                    self.got.crashed.append(str(body.get("message", "")))
                    self._changed.set()
        except (websockets.ConnectionClosed, OSError):
            pass
        finally:
            self.closed.set()
            self._changed.set()

    async def _answer(self, body: dict[str, Any]) -> None:
        """The device's side of a method call: storage, device info; anything else answers nothing."""
        name, args = body.get("name"), body.get("args") or {}
        self.got.invoked.append((str(name), args))
        result: Any = None
        if name == "get":
            result = self.prefs.get(args.get("key"))
        elif name == "set":
            self.prefs[args["key"]] = args["value"]
            result = True
        elif name == "remove":
            result = self.prefs.pop(args.get("key"), None) is not None
        elif name == "contains_key":
            result = args.get("key") in self.prefs
        elif name == "get_device_info":
            result = {"languages": list(self.languages), "browser_name": "chrome", "platform": "Linux armv8l"}
        reply = {"control_id": body["control_id"], "call_id": body["call_id"], "result": result, "error": None}
        with contextlib.suppress(Exception):
            await self._ws.send(_pack(INVOKE, reply))

    # ------------------------------------------------------------ the mirrored tree

    def _index(self, value: Any) -> None:
        if isinstance(value, dict):
            if "_i" in value:
                self.controls[value["_i"]] = value
                if value.get("_c") == "Semantics" and isinstance(value.get("identifier"), str):
                    self._by_identifier[value["identifier"]] = value
            for v in value.values():
                self._index(v)
        elif isinstance(value, list):
            for v in value:
                self._index(v)

    def _apply(self, control_id: int, patch: list[Any]) -> None:
        table, *ops = patch
        paths: dict[int, list[Any]] = {}

        def walk(node: list[Any], path: list[Any]) -> None:
            paths[node[0]] = path
            for part, child in (node[1] if len(node) > 1 else {}).items():
                walk(child, [*path, part])

        walk(table, [])
        root = self.controls.setdefault(control_id, {"_i": control_id})

        def resolve(index: int) -> Any:
            obj: Any = root
            for part in paths[index]:
                obj = obj[part]
            return obj

        for op in ops:
            kind = op[0]
            if kind == 3:
                src, src_key, dst, dst_key = resolve(op[1]), op[2], resolve(op[3]), op[4]
                item = src.pop(src_key)
                if isinstance(dst, list):
                    dst.insert(dst_key, item)
                else:
                    dst[dst_key] = item
                continue
            target, key = resolve(op[1]), op[2]
            if kind == 0:
                target[key] = op[3]
                self._index(op[3])
                if key == "identifier" and isinstance(op[3], str) and isinstance(target, dict):
                    self._by_identifier[op[3]] = target
            elif kind == 1:
                if isinstance(target, list):
                    target.insert(key, op[3])
                else:
                    target[key] = op[3]
                self._index(op[3])
            elif kind == 2:
                target.pop(key)

    def shown(self, value: Any = None) -> Iterator[dict[str, Any]]:
        """Every control on the top view (the app bar too), not the hidden ones."""
        if value is None:
            views = self.controls.get(1, {}).get("views") or []
            value = views[-1] if views else {}
        if isinstance(value, dict):
            if value.get("visible") is False:
                return
            if "_c" in value:
                yield value
            for k, v in value.items():
                if k != "_internals":
                    yield from self.shown(v)
        elif isinstance(value, list):
            for v in value:
                yield from self.shown(v)

    def find(self, identifier: str) -> dict[str, Any] | None:
        """The shown Semantics with this identifier."""
        if self.fast:
            return self._by_identifier.get(identifier)
        return next((c for c in self.shown() if c.get("_c") == "Semantics" and c.get("identifier") == identifier), None)

    def has(self, identifier: str) -> bool:
        return self.find(identifier) is not None

    def texts(self) -> list[str]:
        out: list[str] = []
        for c in self.shown():
            for key in ("value", "label", "tooltip"):
                if isinstance(c.get(key), str):
                    out.append(c[key])
        return out

    def text(self) -> str:
        return "\n".join(self.texts())

    @property
    def top_route(self) -> str | None:
        views = self.controls.get(1, {}).get("views") or []
        return views[-1].get("route") if views else None

    async def wait(self, predicate: Any, timeout: float = 20) -> float:
        """Wait until predicate(self) holds; the time it first held (time.perf_counter)."""
        deadline = time.perf_counter() + timeout
        while True:
            if predicate(self):
                return time.perf_counter()
            if self.closed.is_set():
                raise ConnectionError("the server closed the connection")
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"not within {timeout} s; shown: {self.text()[:300]!r}")
            self._changed.clear()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._changed.wait(), left)

    async def wait_for(self, identifier: str, timeout: float = 20) -> float:
        return await self.wait(lambda c: c.has(identifier), timeout)

    # ------------------------------------------------------------ acting

    async def event(self, target: int, name: str, data: Any = None) -> None:
        await self._ws.send(_pack(EVENT, {"target": target, "name": name, "data": data}))

    async def tap(self, identifier: str) -> None:
        """Tap the control a Semantics with this identifier wraps."""
        found = self.find(identifier)
        if found is None:
            raise LookupError(f"{identifier!r} is not shown; shown: {self.text()[:300]!r}")
        content = found.get("content")
        target = content["_i"] if isinstance(content, dict) else found["_i"]
        await self.event(target, "click")

    async def go(self, route: str) -> None:
        """The browser going to a route (Back, Forward, an address typed)."""
        await self._ws.send(_pack(PROPS, {"id": 1, "props": {"route": route}}))
        await self.event(1, "route_change", {"route": route})
