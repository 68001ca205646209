import socket

import pytest
from conftest import NetworkBlocked


def test_connection_outside_loopback_fails_loudly() -> None:
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
        pytest.raises(NetworkBlocked, match="loopback only"),
    ):
        sock.connect(("192.0.2.1", 443))  # TEST-NET-1: never routed


def test_loopback_is_allowed() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(server.getsockname(), timeout=2):
            pass
