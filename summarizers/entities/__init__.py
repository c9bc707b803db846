"""The article's entity model: who is who across the whole text.

Stage order (each module reads the one spaCy parse of :mod:`summarizers.document`, repaired
once by :mod:`summarizers.parsefix`):

* :mod:`.names` — name words, honorifics, reporting verbs, name keys;
* :mod:`.mentions` — candidate mentions of people, bodies, places and groups (NER with
  repairs, names the tagger missed, peers' titles, spokespeople of named bodies, bodies the
  text defines with :mod:`.namedbodies`);
* :mod:`.actortype` — the type of an entity voted over all its mentions;
* :mod:`.clusters` and :mod:`.actors` — mentions clustered into entities (full names,
  surnames, honorific forms, acronyms, clipped forms), ranked by :mod:`.salience`;
* :mod:`.roles` and :mod:`.officeroles` — every role the text gives a person (titles,
  appositions, office verbs, an office named in the next sentence), judged by
  :mod:`.rolecheck`; :mod:`.orgroles` — what an organisation is;
* :mod:`.pronouns` and :mod:`.descriptions` — coreference of he/she/it, office holders,
  bodies, their spokespeople and documents, used when quotes are attributed.

The quote attribution of :mod:`summarizers.quotes` reads the entities; actors, roles, quotes
and issues all come from this one model.
"""
