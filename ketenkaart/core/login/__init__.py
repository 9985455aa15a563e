"""Logging in, fit for child-protection data (OWASP ASVS 4.0 level 2, chapters 2 and 3): a
password (at least 12 characters, not a common one), a second factor (TOTP with recovery codes,
django-otp), lockout of failed logins (django-axes), OIDC for the municipality's identity
provider (mozilla-django-oidc), an idle and an absolute session timeout, and every login,
failure, lockout and logout in the audit log."""
