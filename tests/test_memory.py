"""Worker memory guards (transforms.nlp.memory), without Beam."""
from transforms.nlp.memory import BoundedCache, bound_caches


def test_bounded_cache_stops_taking_new_keys_but_keeps_and_updates_old_ones():
    cache = BoundedCache(2, {"a": 1})
    cache["b"] = 2
    cache["c"] = 3
    cache["a"] = 10
    assert cache == {"a": 10, "b": 2}
    assert cache.get("c") is None and "c" not in cache


def test_lemmatizer_cache_is_bounded_and_lemmas_do_not_change(nlp):
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert isinstance(lemmatizer.cache, BoundedCache)
    text = "The ministers were meeting; talks broke down and officials flew home. " * 3
    before = [t.lemma_ for t in nlp(text)]
    saved = lemmatizer.cache
    try:
        lemmatizer.cache = BoundedCache(0)        # full from the start: nothing cached
        assert [t.lemma_ for t in nlp(text)] == before
        assert len(lemmatizer.cache) == 0
    finally:
        lemmatizer.cache = saved
    assert bound_caches(nlp) == 0                 # already bounded: left as it is


def test_our_memos_are_bounded_and_no_doc_outlives_its_extraction(annotate):
    import gc
    import weakref

    from transforms.extract import actors

    assert isinstance(actors.get_resolver()._cache, BoundedCache)
    doc = annotate("Japan and India held the Malabar naval exercise in the Bay of Bengal on Monday. "
                   "\"We are ready,\" the Indian admiral said of the Malabar pact.")
    assert doc._.exercises and doc._.statements
    alive = weakref.ref(doc)
    del doc
    gc.collect()
    assert alive() is None, "a memo of an extractor keeps the Doc alive after its extraction"
