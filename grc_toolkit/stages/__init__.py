"""The stages of the road, each a function returning a typed result of data (no wording):
:mod:`~grc_toolkit.stages.clean` (map's columns cleaned), :mod:`~grc_toolkit.stages.finish` (merge each
group, then the grc_* columns, scores and issues). :mod:`grc_toolkit.pipeline` composes them."""
