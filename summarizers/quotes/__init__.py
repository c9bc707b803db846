"""Expert quotes: quotation spans (:mod:`.marks`), what is no quotation (:mod:`.filter`),
who is the subject of a reporting verb (:mod:`.speakers`, over the entity model of
:mod:`summarizers.entities`; :mod:`.clauses` says where the verb stands), which tag next to a
quotation belongs to it (:mod:`.tags`) and the walk through the article that attributes each
quotation (:mod:`.attribution`). :func:`extract_quotes` is the entry point."""

from summarizers.quotes.attribution import extract_quotes

__all__ = ["extract_quotes"]
