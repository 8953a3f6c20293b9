"""Competency queries: `.rq` files read as package data."""
