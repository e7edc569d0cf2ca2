"""AnnotateArticles: spaCy and the extractors over articles, rows out.

The model is loaded once per worker process (`DoFn.setup`, shared between the
DoFn instances of a process through `apache_beam.utils.shared.Shared`), never
pickled with the DoFn. Articles are buffered and go through `nlp.pipe` in
batches of at most `max_articles` articles and about `max_tokens` tokens (words
and punctuation, estimated as spaCy counts them; `--batch_words`): spaCy's working memory grows with
the tokens of a batch, so this budget keeps a worker's peak RSS the same whatever
the article lengths and however many articles it sees; a `Doc` never leaves
`process`/`finish_bundle`: only plain rows do.
If a batch fails, its articles are retried one by one so that only the article
at fault becomes a `rejects` row (stage `nlp`).
"""
from __future__ import annotations

import contextlib
import threading
from typing import Iterable, List, Optional

import apache_beam as beam
from apache_beam import pvalue
from apache_beam.metrics import Metrics
from apache_beam.transforms.window import GlobalWindow
from apache_beam.utils.shared import Shared
from apache_beam.utils.timestamp import MIN_TIMESTAMP
from apache_beam.utils.windowed_value import WindowedValue

from schemas.tables import TABLES
from transforms.beam.progress import Progress
from transforms.io.batching import ArticleBatcher, Batch
from transforms.io.rows import reject_row
from transforms.io.sources import Article, Reject

# the DoFn's tagged outputs: every table but `articles`, its main output
OUTPUTS = tuple(name for name in TABLES if name != "articles")


class _NlpHolder:
    """A weak-referenceable box for the Language, as `Shared` requires, with a lock:
    DoFn instances of one process share the model, and a memory zone must not nest.

    Strings and lexemes a batch adds to the vocabulary are freed after it (spaCy's
    memory zone), so memory stays flat however many articles a worker sees. But a
    zone also re-creates every lexeme not in the vocabulary and never fills the
    tokenizer's cache, so the first `warm_tokens` tokens a worker sees are parsed
    outside a zone: the commonest words of the corpus become permanent and later
    zones find them ready. The cost is bounded and paid once: 200,000 words of news
    add about 10,000 strings, a few MB.
    """

    def __init__(self, nlp, progress: Optional[Progress] = None, warm_tokens: int = 200_000):
        self.nlp = nlp
        self.progress = progress or Progress(0, None)
        self.lock = threading.Lock()
        self.warm_tokens = warm_tokens
        self.tokens_seen = 0

    def zone(self, tokens: int):
        """The context a batch of `tokens` tokens is parsed in (call with the lock held)."""
        warming = self.tokens_seen < self.warm_tokens
        self.tokens_seen += tokens
        return contextlib.nullcontext() if warming else self.nlp.memory_zone()


class AnnotateDoFn(beam.DoFn):
    """Article -> rows: main output `articles`, tagged outputs for the other tables."""

    def __init__(self, model: str, batch_size: int = 64, batch_words: int = 10_000,
                 shared_handle: Shared = None, total_articles: int = 0, progress_seconds: Optional[float] = None):
        self.model = model
        self.batch_size = batch_size
        self.batch_words = batch_words
        self.total_articles = total_articles
        self.progress_seconds = progress_seconds
        self._shared = shared_handle or Shared()
        self.articles_annotated = Metrics.counter(self.__class__, "articles_annotated")
        self.articles_failed = Metrics.counter(self.__class__, "articles_failed_nlp")
        self.extractor_failures = Metrics.counter(self.__class__, "extractor_failures")
        self.words = Metrics.counter(self.__class__, "words")
        self.articles_in_pieces = Metrics.counter(self.__class__, "articles_annotated_in_pieces")

    def setup(self):
        from transforms.extract.build import annotate_in_pieces, build_nlp, make_doc
        from transforms.extract.rows import doc_rows

        self._doc_rows = doc_rows
        self._annotate_in_pieces = annotate_in_pieces
        self._make_doc = make_doc
        model, progress = self.model, Progress(self.total_articles, self.progress_seconds)

        def load():
            try:
                return _NlpHolder(build_nlp(model), progress)
            except OSError as exc:   # spaCy's E050: a 140-line traceback on a worker otherwise
                raise RuntimeError(f"spaCy model {model!r} is not installed on this worker: pip install "
                                   f"{model.replace('_', '-')}, or ship it with --setup_file ./setup.py") from exc
        self._holder = self._shared.acquire(load, tag=model)
        self.nlp = self._holder.nlp

    def start_bundle(self):
        self._batcher = ArticleBatcher(self.batch_size, self.batch_words)

    def process(self, article: Article):
        for batch in self._batcher.add(article):
            yield from self._flush(batch, windowed=False)

    def finish_bundle(self):
        yield from self._flush(self._batcher.take(), windowed=True)

    # ------------------------------------------------------------------

    def _flush(self, batch: Batch, windowed: bool):
        if not batch:
            return
        with self._holder.lock, self._holder.zone(batch.tokens):
            rows = list(self._annotate(batch))
            self._holder.progress.add(len(batch), sum(row["word_count"] or 0 for table, row in rows
                                                      if table == "articles"))
        for table, row in rows:
            if windowed:  # finish_bundle must say which window a value belongs to
                row = WindowedValue(row, MIN_TIMESTAMP, [GlobalWindow()])
            yield row if table == "articles" else pvalue.TaggedOutput(table, row)

    def _parse(self, docs: list) -> list:
        """`nlp.pipe` over the batch; an article longer than the batch budget (the batcher
        makes it a batch of its own) goes through the model in pieces of that budget."""
        if len(docs) == 1 and len(docs[0]) > self.batch_words:
            self.articles_in_pieces.inc()
            return [self._annotate_in_pieces(self.nlp, docs[0], self.batch_words)]
        return list(self.nlp.pipe(docs, batch_size=len(docs)))

    def _annotate(self, batch: List[Article]) -> Iterable[tuple]:
        make_doc = self._make_doc
        try:
            docs = [make_doc(self.nlp, a.text, a.published_date, a.dateline) for a in batch]
            results = list(zip(batch, self._parse(docs)))
        except Exception:  # noqa: BLE001 - find the article at fault, one by one
            results = []
            for article in batch:
                try:
                    doc = make_doc(self.nlp, article.text, article.published_date, article.dateline)
                    results.append((article, self._parse([doc])[0]))
                except Exception as exc:  # noqa: BLE001
                    self.articles_failed.inc()
                    yield "rejects", reject_row(Reject(
                        source_path=article.source_path, source_line=article.source_line,
                        doc_id=article.doc_id, stage="nlp", reason="nlp_failed",
                        detail=f"spaCy failed on this article ({type(exc).__name__}: {exc}); "
                               "check its text or report the error"))
        for article, doc in results:
            self.articles_annotated.inc()
            if doc._.errors:
                self.extractor_failures.inc(len(doc._.errors))
            tables = self._doc_rows(article, doc)
            self.words.inc(tables["articles"][0]["word_count"] or 0)
            for table, rows in tables.items():
                for row in rows:
                    yield table, row


class AnnotateArticles(beam.PTransform):
    """PCollection[Article] -> {table name: PCollection[row dict]} for every table."""

    def __init__(self, model: str, batch_size: int = 64, batch_words: int = 10_000, total_articles: int = 0,
                 progress_seconds: Optional[float] = None):
        super().__init__()
        self.model = model
        self.batch_size = batch_size
        self.batch_words = batch_words
        self.total_articles = total_articles
        self.progress_seconds = progress_seconds

    def expand(self, articles):
        outputs = articles | "Annotate" >> beam.ParDo(
            AnnotateDoFn(self.model, self.batch_size, self.batch_words, total_articles=self.total_articles,
                         progress_seconds=self.progress_seconds)).with_outputs(*OUTPUTS, main="articles")
        return {name: outputs[name] for name in TABLES}
