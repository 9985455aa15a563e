"""Ketenkaart: one family, one plan, one regisseur."""
