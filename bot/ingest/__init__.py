"""Getting articles in: extraction of article text from HTML pages, and loading article files.

The ingestion of feeds and pages (fetching, storing) builds on :func:`bot.ingest.extract.extract_html`.
"""
