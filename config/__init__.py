"""Settings (:mod:`config.settings`) and topic definitions (:mod:`config.topics`, files in ``config/topics/``)."""
