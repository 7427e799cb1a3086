"""A PBKDF2 hasher with one iteration: the same format, without the deliberate slowness.

Every web test creates nine personas; at Django's 1,000,000 iterations that alone takes
minutes. Used only by the test suite (tests/web/conftest.py).
"""

from __future__ import annotations

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class FastPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    iterations = 1
