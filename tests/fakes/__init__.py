"""Test doubles at the edges: a recording adapter, a tiny brief engine, store seeding, fake chat APIs."""
