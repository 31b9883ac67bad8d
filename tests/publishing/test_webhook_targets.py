"""Webhook targets: special-purpose addresses, ports, one lookup per attempt, TLS by name.

Name resolution is faked by patching ``socket.getaddrinfo`` (there is no DNS server to run
here); connections are either refused by a guard that records them, or made to servers on
127.0.0.1.  Nothing leaves this machine.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import subprocess
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from publishing.models import DeliveryStatus, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from publishing.services import webhook_targets, webhooks
from tests.factories import client_for, fresh

pytestmark = pytest.mark.django_db

PUBLIC = "93.184.215.14"  # a public address; the guard below never lets a test connect to it


def answer(*addresses: str, port: int = 443) -> list[tuple[Any, ...]]:
    """What ``socket.getaddrinfo`` returns for these addresses."""
    rows = []
    for address in addresses:
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        sockaddr = (address, port, 0, 0) if family == socket.AF_INET6 else (address, port)
        rows.append((family, socket.SOCK_STREAM, 6, "", sockaddr))
    return rows


class FakeDNS:
    """Answers each name with its queued answers in turn (the last one repeats)."""

    def __init__(self) -> None:
        self.answers: dict[str, list[list[str]]] = {}
        self.lookups: list[str] = []
        self.real = socket.getaddrinfo

    def __call__(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> list[tuple[Any, ...]]:
        if host not in self.answers:  # IP literals and anything not faked
            return self.real(host, port, *args, **kwargs)
        self.lookups.append(host)
        queue = self.answers[host]
        addresses = queue.pop(0) if len(queue) > 1 else queue[0]
        return answer(*addresses, port=int(port or 443))


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> FakeDNS:
    fake = FakeDNS()
    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return fake


class GuardedSocket(socket.socket):
    """Records every address a connection is attempted to, and refuses them all."""

    attempted: list[tuple[Any, ...]] = []

    def connect(self, address: Any) -> None:
        GuardedSocket.attempted.append(tuple(address))
        raise ConnectionRefusedError(f"test guard: no connection to {address[0]}")


@pytest.fixture
def guard(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    GuardedSocket.attempted = []
    monkeypatch.setattr(socket, "socket", GuardedSocket)
    return GuardedSocket.attempted


def register(editor: Any, url: str) -> Any:
    return client_for(editor).post("/api/webhooks/", {"url": url}, format="json")


# --- addresses ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "169.254.169.254",
        "0.0.0.0",
        "255.255.255.255",
        "224.0.0.251",
        "100.64.0.1",  # carrier-grade NAT
        "192.0.0.8",  # IETF protocol assignments (ipaddress calls it global)
        "198.18.0.1",  # benchmarking
        "192.88.99.1",  # 6to4 relay anycast
        "192.0.2.1",
        "::1",
        "::",
        "fe80::1",
        "fd00::1",
        "ff0e::1",  # global-scope multicast
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "64:ff9b::808:808",  # NAT64 of a public address: still a translator
        "64:ff9b:1::1",
        "::ffff:127.0.0.1",  # IPv4-mapped
        "::ffff:8.8.8.8",
        "2002:7f00:1::1",  # 6to4 embedding 127.0.0.1
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
        "2001:db8::1",
        "2001:20::1",
    ],
)
def test_a_special_purpose_address_is_refused_at_registration(editor, address):
    host = f"[{address}]" if ":" in address else address
    response = register(editor, f"https://{host}/hook")
    assert response.status_code == 400, response.json()
    assert response.json()["code"] == "private_address"
    assert str(ipaddress.ip_address(address)) in response.json()["detail"]
    assert not WebhookEndpoint.objects.exists()


@pytest.mark.parametrize("address", [PUBLIC, "2606:4700:4700::1111"])
def test_a_public_address_passes_the_check(address):
    ip = ipaddress.ip_address(address)
    assert webhook_targets.refusal(ip, loopback_ok=False) is None


def test_a_name_with_one_internal_address_among_public_ones_is_refused(editor, dns):
    dns.answers["mixed.example"] = [[PUBLIC, "10.0.0.7"]]
    response = register(editor, "https://mixed.example/hook")
    assert response.status_code == 400
    assert response.json()["code"] == "private_address"
    assert "10.0.0.7" in response.json()["detail"]


def test_a_name_pointing_at_nat64_is_refused(editor, dns):
    dns.answers["nat64.example"] = [["64:ff9b::a9fe:a9fe"]]  # 169.254.169.254 behind NAT64
    response = register(editor, "https://nat64.example/hook")
    assert response.status_code == 400
    assert response.json()["code"] == "private_address"


# --- ports ----------------------------------------------------------------------------------


@pytest.mark.parametrize("port", [8443, 22, 6379, 80])
def test_only_the_standard_https_port_is_accepted(editor, dns, port):
    dns.answers["hook.example"] = [[PUBLIC]]
    response = register(editor, f"https://hook.example:{port}/hook")
    assert response.status_code == 400
    assert response.json()["code"] == "port_not_allowed"
    assert str(port) in response.json()["detail"]


def test_port_443_spelled_out_is_accepted(editor, dns):
    dns.answers["hook.example"] = [[PUBLIC]]
    assert register(editor, "https://hook.example:443/hook").status_code == 201


def test_a_port_out_of_range_is_a_400_not_a_500(editor):
    response = register(editor, "https://hook.example:99999/hook")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_url"


@pytest.mark.parametrize(
    ("url", "code"),
    [("https://[::1/hook", "invalid_url"), ("https://exa\x00mple.org/", "unresolvable")],
)
def test_a_malformed_url_or_host_is_refused_not_a_crash(url, code):
    with pytest.raises(webhook_targets.WebhookRefused) as refused:
        webhook_targets.check_target(url)
    assert refused.value.code == code and refused.value.field == "url"


def test_a_loopback_target_with_the_setting_may_not_use_any_port_when_a_name_also_points_out(
    editor, dns, settings
):
    settings.CLAIMDESK_WEBHOOK_ALLOW_LOOPBACK = True
    dns.answers["half.example"] = [["127.0.0.1", PUBLIC]]
    response = register(editor, "https://half.example:8443/hook")
    assert response.status_code == 400
    assert response.json()["code"] == "port_not_allowed"


# --- one lookup per attempt, and the connection goes to the checked address --------------------


@pytest.fixture
def hook(editor: Any, dns: FakeDNS, settings: Any) -> WebhookEndpoint:
    settings.CLAIMDESK_WEBHOOK_MAX_ATTEMPTS = 1
    dns.answers["hook.example"] = [[PUBLIC]]
    return webhooks.webhook_register(url="https://hook.example/hook", events=[], by=editor)


def deliver(claim: Any, editor: Any, capture: Any) -> WebhookDelivery:
    from annotate import services as desk

    with capture(execute=True):
        desk.claim_publish(claim=claim, by=editor, version=fresh(claim).version)
    return WebhookDelivery.objects.get()


def test_a_rebinding_answer_never_leads_to_a_connection_to_loopback(
    hook, dns, guard, decided, editor, django_capture_on_commit_callbacks
):
    # The first lookup of the attempt says public, any later one says loopback.
    dns.answers["hook.example"] = [[PUBLIC], ["127.0.0.1"]]
    dns.lookups.clear()  # the registration's own lookup
    delivery = deliver(decided, editor, django_capture_on_commit_callbacks)
    assert dns.lookups == ["hook.example"]
    assert [address[0] for address in guard] == [PUBLIC]
    assert delivery.status == DeliveryStatus.FAILED
    assert "test guard" in WebhookAttempt.objects.get().error


def test_a_name_that_now_points_inside_is_refused_at_delivery_without_connecting(
    hook, dns, guard, decided, editor, django_capture_on_commit_callbacks
):
    dns.answers["hook.example"] = [["169.254.169.254"]]
    delivery = deliver(decided, editor, django_capture_on_commit_callbacks)
    assert guard == []
    assert delivery.status == DeliveryStatus.FAILED
    attempt = WebhookAttempt.objects.get()
    assert attempt.status_code is None and "169.254.169.254" in attempt.error


def test_every_checked_address_is_tried_in_turn_and_nothing_else(
    hook, dns, guard, decided, editor, django_capture_on_commit_callbacks
):
    dns.answers["hook.example"] = [[PUBLIC, "2606:4700:4700::1111"]]
    deliver(decided, editor, django_capture_on_commit_callbacks)
    assert [address[:2] for address in guard] == [(PUBLIC, 443), ("2606:4700:4700::1111", 443)]


# --- TLS: SNI, certificate and Host header carry the name ---------------------------------------


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A test CA and a server certificate for hook.example signed by it."""
    folder = tmp_path_factory.mktemp("tls")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    _openssl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
             "-subj", "/CN=Claimdesk test CA", cwd=folder)  # fmt: skip
    _openssl("req", *ec, "-keyout", "server.key", "-out", "server.csr",
             "-subj", "/CN=hook.example", cwd=folder)  # fmt: skip
    (folder / "ext.cnf").write_text(
        "subjectAltName=DNS:hook.example\nbasicConstraints=CA:FALSE\n"
        "keyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n"
        "authorityKeyIdentifier=keyid\nsubjectKeyIdentifier=hash\n"
    )
    _openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
             "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf",
             cwd=folder)  # fmt: skip
    return folder


class TLSReceiver:
    """An HTTPS server on 127.0.0.1 that records the SNI name and the Host header it gets."""

    def __init__(self, certificates: Path) -> None:
        self.server_names: list[str | None] = []
        self.hosts: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers["Content-Length"]))
                outer.hosts.append(self.headers["Host"])
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(certificates / "server.pem", certificates / "server.key")
        context.sni_callback = lambda _sock, name, _ctx: outer.server_names.append(name)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.handle_error = lambda *args: None  # type: ignore[method-assign]
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def tls_receiver(
    certificates: Path, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TLSReceiver]:
    settings.CLAIMDESK_WEBHOOK_ALLOW_LOOPBACK = True
    settings.CLAIMDESK_WEBHOOK_MAX_ATTEMPTS = 1
    trust_test_ca: Callable[[], ssl.SSLContext] = lambda: ssl.create_default_context(  # noqa: E731
        cafile=str(certificates / "ca.pem")
    )
    monkeypatch.setattr(webhook_targets, "tls_context", trust_test_ca)
    receiver = TLSReceiver(certificates)
    yield receiver
    receiver.close()


def test_tls_goes_to_the_checked_address_with_the_name_in_sni_host_and_certificate(
    tls_receiver, dns, editor, decided, django_capture_on_commit_callbacks
):
    dns.answers["hook.example"] = [["127.0.0.1"]]
    url = f"https://hook.example:{tls_receiver.port}/hook"
    webhooks.webhook_register(url=url, events=[], by=editor)
    delivery = deliver(decided, editor, django_capture_on_commit_callbacks)
    assert delivery.status == DeliveryStatus.DELIVERED, delivery.last_error
    assert tls_receiver.server_names == ["hook.example"]
    assert tls_receiver.hosts == [f"hook.example:{tls_receiver.port}"]


def test_a_certificate_for_another_name_fails_the_attempt(
    tls_receiver, dns, editor, decided, django_capture_on_commit_callbacks
):
    dns.answers["other.example"] = [["127.0.0.1"]]
    url = f"https://other.example:{tls_receiver.port}/hook"
    webhooks.webhook_register(url=url, events=[], by=editor)
    delivery = deliver(decided, editor, django_capture_on_commit_callbacks)
    assert delivery.status == DeliveryStatus.FAILED
    assert "certificate" in WebhookAttempt.objects.get().error.lower()
    assert tls_receiver.hosts == []
