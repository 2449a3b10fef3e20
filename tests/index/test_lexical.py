"""BM25 over the index: scoring a range of documents (one report of many) must give exactly the
whole index's scores for those documents."""
from __future__ import annotations

import numpy as np
import pytest

from index.lexical import LexicalIndex
from tests.conftest import SAMPLE


def test_scores_within_a_range_are_the_whole_scores_of_that_range():
    from index.parse import parse_file

    texts = [p.text for p in parse_file(SAMPLE).paragraphs] * 3  # a term's postings span every copy
    index = LexicalIndex.build(texts)
    query = "health checks for looked after children within three months zzznotaword"
    whole = index.scores(query)
    assert whole.shape == (len(texts),) and (whole > 0).sum() > 10
    rng = np.random.default_rng(7)
    spans = [(0, len(texts)), (0, 1), (len(texts) - 1, len(texts)), (40, 40)]
    spans += [tuple(sorted(rng.integers(0, len(texts), 2))) for _ in range(50)]
    for start, end in spans:
        part = index.scores(query, within=(start, end))
        assert part.shape == (end - start,)
        np.testing.assert_array_equal(part, whole[start:end])


def test_a_hyphenated_word_matches_its_closed_up_form_both_ways():
    from index.lexical import tokenize

    assert set(tokenize("reoffending")) <= set(tokenize("re-offending"))
    assert set(tokenize("well-being")) & set(tokenize("wellbeing"))
    index = LexicalIndex.build(["The re-offending rate is high at 51%.", "Wellbeing checks happen.", "Other text."])
    assert index.scores("reoffending rate").argmax() == 0
    assert index.scores("well-being").argmax() == 1 and index.scores("well-being")[2] == 0



@pytest.mark.parametrize("adjective, noun", [("stable", "stability"), ("able", "ability"), ("viable", "viability"),
                                             ("vulnerable", "vulnerability"), ("available", "availability")])
def test_an_adjective_and_its_noun_share_a_stem(adjective, noun):
    """"How stable are placements?" must find "placement stability"."""
    from index.lexical import tokenize

    assert tokenize(adjective) == tokenize(noun)


def test_words_of_other_meanings_that_stem_alike_are_kept_apart():
    """"How many children are electively home educated?" is not about "two elected members"."""
    from index.lexical import tokenize

    assert not set(tokenize("electively")) & set(tokenize("elected election"))
    assert tokenize("elective") == tokenize("electively")
    index = LexicalIndex.build(["Only two elected members attend.", "Children who are electively home educated."])
    assert index.scores("electively")[0] == 0 and index.scores("electively")[1] > 0


def test_a_slip_in_an_ending_the_stemmer_cuts_is_mended_to_the_word_it_stems_as():
    index = LexicalIndex.build(["children live in unregistered children's homes", "registered homes"])
    # "unregisterd" is three edits from the stem "unregist", one from the word "unregistered"
    assert index.closest("unregisterd") == "unregist"
    assert index.closest("xylophones") is None


def test_an_irregular_past_form_is_its_verb():
    from index.lexical import LexicalIndex, tokenize

    # "when did the board first meet?" finds "the board met in July 2021"; "who leads it?" finds "led by"
    assert tokenize("the board met") == tokenize("the board meets") == tokenize("board meet")
    assert tokenize("led by the director") == tokenize("lead the director")
    assert tokenize("consent was sought") == tokenize("consent to seek")
    # a name given "known as" keeps its word
    assert tokenize("known as") == ["known"]
    index = LexicalIndex.build(["The new improvement board met in July 2021.", "Board members are experienced."])
    assert index.scores("when did the board first meet")[0] > index.scores("when did the board first meet")[1]
