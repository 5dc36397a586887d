"""Generator of Juno's embedded trajectory (see ``tools/make_juno.py``)."""
