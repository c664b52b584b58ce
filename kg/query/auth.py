"""Credentials for remote stores: who ``kg load`` and ``kg query --endpoint`` log in as.

A user name comes from ``--user``; its password from the environment variable
:data:`PASSWORD_ENV` or, when that is unset, from an interactive prompt — never from the
command line, where other users of the machine could read it. :func:`opener` answers both
HTTP Basic and HTTP Digest challenges (Virtuoso's ``/sparql-graph-crud-auth`` takes Digest,
most reverse proxies in front of Fuseki or GraphDB take Basic); a store that asks for
nothing gets no credentials sent. Standard library only; importing it loads no HTTP code
(the ``kg`` command imports :data:`PASSWORD_ENV` for its help).

>>> credentials("dba", env={PASSWORD_ENV: "secret"})
Credentials(user='dba', password=***)
>>> credentials(None) is None
True
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from kg.errors import UsageError

if TYPE_CHECKING:
    import urllib.request

__all__ = ["PASSWORD_ENV", "Credentials", "authorization", "credentials", "opener"]

#: The environment variable that holds the password of ``--user``.
PASSWORD_ENV = "KG_PASSWORD"


class Credentials(NamedTuple):
    """A user name and its password (``repr`` hides the password, so logs never show it)."""

    user: str
    password: str

    def __repr__(self) -> str:
        return f"Credentials(user={self.user!r}, password=***)"


def _prompt(text: str) -> str:
    import getpass

    return getpass.getpass(text)


def credentials(
    user: str | None,
    *,
    where: str = "the store",
    env: Mapping[str, str] | None = None,
    prompt: Callable[[str], str] = _prompt,
) -> Credentials | None:
    """The credentials of ``user``: the password from ``$KG_PASSWORD``, else a prompt.

    ``None`` when no user is given (anonymous access).

    >>> credentials("dba", env={}, prompt=lambda text: "typed").password
    'typed'
    """
    if not user:
        return None
    environment = os.environ if env is None else env
    password = environment.get(PASSWORD_ENV)
    if password is None:
        try:
            password = prompt(f"Password of {user} at {where}: ")
        except (EOFError, OSError) as exc:
            raise UsageError(
                f"--user {user}: no password given",
                f"set the environment variable {PASSWORD_ENV}, or run in a terminal",
            ) from exc
    return Credentials(user, password)


def opener(auth: Credentials | None, url: str) -> urllib.request.OpenerDirector:
    """A URL opener that answers the Basic and Digest challenges of ``url``'s server with
    ``auth`` (any realm); without ``auth`` a plain opener.

    >>> type(opener(None, "http://127.0.0.1:8890/sparql")).__name__
    'OpenerDirector'
    """
    import urllib.parse
    import urllib.request

    if auth is None:
        return urllib.request.build_opener()
    parts = urllib.parse.urlsplit(url)
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, f"{parts.scheme}://{parts.netloc}/", auth.user, auth.password)
    return urllib.request.build_opener(
        urllib.request.HTTPDigestAuthHandler(passwords),  # answers Digest first (order 490)
        urllib.request.HTTPBasicAuthHandler(passwords),
    )


def authorization(auth: Credentials, challenges: list[str], method: str, url: str) -> str | None:
    """The ``Authorization`` header answering one of a server's ``WWW-Authenticate``
    ``challenges`` for a ``method`` request to ``url``, so that a large request body is sent
    once, already signed; ``None`` when no challenge is Basic or Digest.

    >>> authorization(Credentials("u", "p"), ['Basic realm="x"'], "PUT", "http://h/s")
    'Basic dTpw'
    >>> header = authorization(Credentials("u", "p"),
    ...     ['Digest realm="r", nonce="n", qop="auth"'], "PUT", "http://h/s?graph=g")
    >>> header.startswith('Digest username="u", realm="r", nonce="n", uri="/s?graph=g"')
    True
    """
    import base64
    import urllib.request

    for challenge in challenges:
        scheme, _, rest = challenge.strip().partition(" ")
        if scheme.lower() == "basic":
            token = base64.b64encode(f"{auth.user}:{auth.password}".encode()).decode("ascii")
            return f"Basic {token}"
        if scheme.lower() == "digest":
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, url, auth.user, auth.password)
            handler = urllib.request.HTTPDigestAuthHandler(passwords)
            fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(rest))
            signed = handler.get_authorization(urllib.request.Request(url, method=method), fields)
            if signed:
                return f"Digest {signed}"
    return None
