"""Work units and where they run: in this process, a local process pool, or a broker (Celery)."""
