"""Competency queries: `.rq` files read as package data, listed by `scokg.queries.catalog`."""
