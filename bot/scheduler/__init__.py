"""Scheduling inside ``briefbot run``: digest jobs per subscription and poll jobs per source."""
