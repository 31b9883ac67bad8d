"""Where a webhook may go: HTTPS on port 443 to a public address, and nowhere else.

A target's host name is resolved once per registration and once per delivery attempt;
every address in the answer is checked, and the attempt connects to one of those checked
addresses, never to the name.  A second lookup (by ``http.client``, say) could otherwise
be answered with an internal address after the check (DNS rebinding).  TLS still runs
against the name: SNI, certificate verification and the Host header all carry it.

``CLAIMDESK_WEBHOOK_ALLOW_LOOPBACK`` (tests and local development only) lets a target
resolve to loopback addresses, on any port, and over plain http when the URL names a
loopback host.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
from dataclasses import dataclass
from http.client import HTTPConnection, HTTPSConnection
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings

from claimdesk.errors import DomainError

HTTPS_PORT = 443
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Special-purpose ranges (IANA registries, RFC 6890 and successors) refused on top of the
# ``ipaddress`` properties: some of them Python calls global (NAT64, 6to4, the IPv4
# mapped range, 192.0.0.0/24 in part), and the translation ranges embed an IPv4 address
# that may well be internal (64:ff9b::10.0.0.1, 2002:7f00:1::, ::ffff:127.0.0.1).
REFUSED_NETWORKS = tuple(
    ipaddress.ip_network(network)
    for network in (
        "0.0.0.0/8",  # "this network"
        "100.64.0.0/10",  # carrier-grade NAT (shared address space)
        "192.0.0.0/24",  # IETF protocol assignments
        "192.0.2.0/24",  # TEST-NET-1
        "192.88.99.0/24",  # 6to4 relay anycast
        "198.18.0.0/15",  # benchmarking
        "198.51.100.0/24",  # TEST-NET-2
        "203.0.113.0/24",  # TEST-NET-3
        "240.0.0.0/4",  # reserved, and the broadcast address
        "::/96",  # unspecified, loopback, IPv4-compatible (deprecated)
        "::ffff:0:0/96",  # IPv4-mapped
        "::ffff:0:0:0/96",  # IPv4-translated
        "64:ff9b::/96",  # NAT64, well-known prefix
        "64:ff9b:1::/48",  # NAT64, local-use prefix
        "100::/64",  # discard-only
        "2001::/32",  # Teredo
        "2001:2::/48",  # benchmarking
        "2001:10::/28",  # ORCHID (deprecated)
        "2001:20::/28",  # ORCHIDv2
        "2001:db8::/32",  # documentation
        "2002::/16",  # 6to4
        "3fff::/20",  # documentation
        "5f00::/16",  # segment routing SIDs
        "fc00::/7",  # unique local
        "fe80::/10",  # link-local
        "fec0::/10",  # site-local (deprecated)
        "ff00::/8",  # multicast
    )
)


@dataclass(frozen=True)
class Target:
    """A checked webhook URL and the addresses an attempt may connect to."""

    scheme: str
    host: str
    port: int
    path: str
    addresses: tuple[tuple[socket.AddressFamily, tuple[Any, ...]], ...]


def refusal(ip: IPAddress, *, loopback_ok: bool) -> str | None:
    """Why a webhook may not reach ``ip``, or None when it may."""
    if loopback_ok and ip.is_loopback:
        return None
    flags = ("private", "loopback", "link_local", "multicast", "reserved", "unspecified")
    for flag in flags:
        if getattr(ip, f"is_{flag}"):
            return f"a {flag.replace('_', '-')} address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local:
        return "a site-local address"
    for network in REFUSED_NETWORKS:
        if ip.version == network.version and ip in network:
            return f"in the special-purpose range {network}"
    if not ip.is_global:
        return "not a globally reachable address"
    return None


class WebhookRefused(DomainError):
    """An endpoint the service will not register or post to (HTTP 400), and why."""


def _bad_url(message: str, code: str = "invalid_url") -> WebhookRefused:
    return WebhookRefused(message, code=code, field="url")


def _parse(url: str) -> tuple[str, str, int | None, str]:
    try:
        parts = urlsplit(url)
    except ValueError:  # an unclosed IPv6 bracket, say
        raise _bad_url("This is not a valid URL.") from None
    host = parts.hostname or ""
    loopback_host = settings.CLAIMDESK_WEBHOOK_ALLOW_LOOPBACK and host in LOOPBACK_NAMES
    if parts.scheme != "https" and not (loopback_host and parts.scheme == "http"):
        raise _bad_url("A webhook must be an https:// address.", "not_https")
    if not host or parts.username or parts.password:
        raise _bad_url("Give a host name, without user or password.")
    try:
        port = parts.port
    except ValueError:
        raise _bad_url("The port of the webhook address is not a number from 0 to 65535.") from None
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, host, port, path


def _resolve(host: str, port: int) -> list[tuple[socket.AddressFamily, tuple[Any, ...]]]:
    """Every (family, socket address) the host resolves to, in the resolver's order."""
    try:
        answer = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError):  # ValueError: an encoding error or a NUL in the name
        raise _bad_url(f"The host {host!r} does not resolve.", "unresolvable") from None
    addresses: list[tuple[socket.AddressFamily, tuple[Any, ...]]] = []
    for family, _type, _proto, _name, sockaddr in answer:
        if (family, sockaddr) not in addresses and family in (socket.AF_INET, socket.AF_INET6):
            addresses.append((family, tuple(sockaddr)))
    if not addresses:
        raise _bad_url(f"The host {host!r} does not resolve.", "unresolvable")
    return addresses


def check_target(url: str) -> Target:
    """Refuse anything but HTTPS on port 443 to public addresses; resolve the host once.

    Every address of the answer must pass: one internal address among public ones is
    enough to refuse, since the client would pick among them.
    """
    scheme, host, port, path = _parse(url)
    loopback_ok = bool(settings.CLAIMDESK_WEBHOOK_ALLOW_LOOPBACK)
    addresses = _resolve(host, port or HTTPS_PORT)
    ips = [ipaddress.ip_address(str(sockaddr[0]).split("%")[0]) for _, sockaddr in addresses]
    for ip in ips:
        reason = refusal(ip, loopback_ok=loopback_ok)
        if reason is not None:
            raise _bad_url(
                f"{host} points at {ip}, {reason}; webhooks only reach public hosts.",
                "private_address",
            )
    all_loopback = loopback_ok and all(ip.is_loopback for ip in ips)
    if port not in (None, HTTPS_PORT) and not all_loopback:
        raise _bad_url(
            f"Webhooks go to the standard HTTPS port {HTTPS_PORT}; port {port} is not allowed.",
            "port_not_allowed",
        )
    default_port = HTTPS_PORT if scheme == "https" else 80
    return Target(scheme, host, port or default_port, path, tuple(addresses))


def _connect(target: Target, timeout: float | None) -> socket.socket:
    """A TCP connection to the first checked address that answers; no name lookup here."""
    error: OSError = OSError(f"no address to connect to for {target.host}")
    for family, sockaddr in target.addresses:
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect(sockaddr)
        except OSError as failure:
            sock.close()
            error = failure
        else:
            return sock
    raise error


class _PinnedHTTPConnection(HTTPConnection):
    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self.target = target

    def connect(self) -> None:
        self.sock = _connect(self.target, self.timeout)


class _PinnedHTTPSConnection(HTTPSConnection):
    def __init__(self, target: Target, timeout: float) -> None:
        self.tls = tls_context()
        super().__init__(target.host, target.port, timeout=timeout, context=self.tls)
        self.target = target

    def connect(self) -> None:
        # The name, not the address, goes to SNI and to certificate verification.
        self.sock = self.tls.wrap_socket(
            _connect(self.target, self.timeout), server_hostname=self.target.host
        )


def tls_context() -> ssl.SSLContext:
    """The system's trust store with hostname checks (tests swap in their own CA)."""
    return ssl.create_default_context()


def post(target: Target, body: bytes, headers: dict[str, str], timeout: float) -> int:
    """POST to a checked target, connected to one of its checked addresses; the status."""
    connection_class = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(target, timeout)
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(65536)
        return int(response.status)
    finally:
        connection.close()
