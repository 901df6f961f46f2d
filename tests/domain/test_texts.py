"""Every dossier text has a suggested length, and words are counted as a reader counts them."""

from planner.domain.enums import TextKey
from planner.domain.texts import SUGGESTED_WORDS, length_verdict, word_count


def test_every_text_key_has_a_suggested_length():
    assert set(SUGGESTED_WORDS) == set(TextKey)
    assert all(0 < s.least < s.most for s in SUGGESTED_WORDS.values())


def test_words_and_verdicts():
    assert word_count("Gävle's well-known hall, don't miss it") == 6
    assert length_verdict(TextKey.PROMISE, 0) == "missing"
    assert length_verdict(TextKey.PROMISE, 3) == "short"
    assert length_verdict(TextKey.PROMISE, 12) == "fits"
    assert length_verdict(TextKey.PROMISE, 31) == "long"
