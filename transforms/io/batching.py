"""Articles -> batches for `nlp.pipe`, bounded by articles and by estimated tokens.

spaCy's working memory grows with the tokens of a batch, so a budget of tokens (words
plus punctuation, estimated without tokenising) keeps a worker's peak RSS the same
whatever the article lengths. Beam-free: the annotating DoFn calls `add`/`take`, a plain
loop (the benchmark, tests) calls `batches`.
"""
from __future__ import annotations

import dataclasses
from typing import Iterable, List

from transforms.io.sources import Article

# spaCy splits these off words as tokens of their own
_PUNCTUATION = tuple(',.;:"\u201c\u201d\'\u2019()-')


def approx_tokens(text: str) -> int:
    """spaCy's token count, estimated without tokenising (words plus punctuation marks;
    within 2 % on news): what spaCy's working memory for a batch grows with."""
    return text.count(" ") + text.count("\n") + 1 + sum(text.count(c) for c in _PUNCTUATION)


class Batch(list):
    """Articles for one nlp.pipe call, with their `approx_tokens` total."""

    tokens: int = 0


@dataclasses.dataclass
class ArticleBatcher:
    """Articles -> batches of at most `max_articles` articles and `max_tokens` tokens
    (`approx_tokens`; an article longer than the budget is a batch of its own)."""

    max_articles: int = 64
    max_tokens: int = 10_000

    def __post_init__(self):
        self.batch = Batch()

    def add(self, article: Article) -> List[Batch]:
        """Buffer an article; return the batches that are now complete."""
        full = []
        tokens = approx_tokens(article.text)
        if self.batch and self.batch.tokens + tokens > self.max_tokens:
            full.append(self.take())
        self.batch.append(article)
        self.batch.tokens += tokens
        if len(self.batch) >= self.max_articles or self.batch.tokens >= self.max_tokens:
            full.append(self.take())
        return full

    def take(self) -> Batch:
        """The buffered articles, emptying the buffer."""
        batch, self.batch = self.batch, Batch()
        return batch

    def batches(self, articles: Iterable[Article]) -> List[Batch]:
        """All of `articles` in batches, the last (partial) one included: what a plain
        loop over `nlp.pipe` gets (a DoFn instead calls `add` per element, `take` at the end)."""
        full = [batch for article in articles for batch in self.add(article)]
        last = self.take()
        return full + [last] if last else full
