"""The promised behaviour on sentences from the seed articles, with the real default model.

Sentences are copied from fixtures/articles (Indonesian) plus English reports
of the same claims. They go through the extractor for content, speaker and
stance, are embedded whole with USE, and grouped with the default params.
"""

from __future__ import annotations

import numpy as np
import pytest

from workbench.embed import UseEmbedder
from workbench.extract import analyse_sentence
from workbench.grouping.cluster import Assignment, Item, cluster

SENTENCES = {
    "wh-a0": ("id", "Gedung Putih pada Jumat (13/10/2023) mengatakan, Korea Utara mengirim lebih dari "
              "1.000 kontainer peralatan militer dan amunisi ke Rusia dalam beberapa pekan terakhir "
              "untuk digunakan di Ukraina."),
    "wh-a2": ("id", "Pada Jumat (13/10/2023), Amerika Serikat mengatakan bahwa pengiriman senjata Korea "
              "Utara sudah berlangsung berupa lebih dari 1.000 kontainer peralatan militer dan amunisi "
              "ke Rusia dalam beberapa pekan terakhir."),
    "wh-a3": ("id", "Gedung Putih pekan lalu mengatakan bahwa Korut telah mengirimkan lebih dari 1.000 "
              "kontainer peralatan militer dan senjata ke Rusia."),
    "wh-en": ("en", "North Korea has sent more than 1,000 containers of military equipment and munitions "
              "to Russia, the White House said."),
    "peskov-a0": ("id", "“Mereka terus melaporkannya, tanpa memberikan bukti apa pun,” kata juru bicara "
                  "Kremlin Dmitry Peskov kepada kantor berita Rusia, ketika ditanya tentang laporan "
                  "pengiriman senjata."),
    "peskov-a2": ("id", "“Mereka terus melaporkannya, tanpa memberikan bukti apa pun,” kata Peskov kepada "
                  "kantor berita Rusia, ketika ditanya tentang laporan pengiriman senjata."),
    "lavrov-a0": ("id", "Menteri Luar Negeri Rusia Sergei Lavrov diperkirakan tiba di Korea Utara pada "
                  "Rabu (18/10/2023) untuk kunjungan dua hari."),
    "lavrov-a2": ("id", "Menteri Luar Negeri Rusia Sergei Lavrov tiba di Korea Utara pada Rabu "
                  "(18/10/2023), menurut laporan kantor berita Rusia TASS."),
    "lavrov-en": ("en", "Russian Foreign Minister Sergei Lavrov arrived in North Korea on Wednesday for a "
                  "two-day visit."),
    "shells": ("id", "Menurut data Ukraina, pasukan Rusia menembakkan sekitar 60.000 peluru per hari."),
    "kremlin": ("id", "Kremlin pada Selasa (17/10/2023) mengatakan, tidak ada bukti Korea Utara mengirim "
                "pasokan senjata ke Rusia untuk perang di Ukraina."),
    "denies": ("id", "Korea Utara pada Rabu (21/9/2022) membantah mereka mengirim senjata ke Rusia, kata "
               "media pemerintah KCNA."),
    "production": ("id", "Meskipun Rusia meningkatkan produksi peluru tahun ini hingga diperkirakan "
                   "mencapai 2,5 juta, para analis berpendapat jumlah tersebut mungkin tidak memenuhi "
                   "kebutuhan di medan perang."),
    "kim": ("id", "Pemimpin Tertinggi Korea Utara Kim Jong Un pada September 2023 mengunjungi Rusia dan "
            "bertemu Presiden Vladimir Putin, memicu spekulasi di kalangan negara-negara Barat mengenai "
            "kemungkinan kesepakatan senjata."),
}
NAMES = list(SENTENCES)


@pytest.fixture(scope="module")
def grouped() -> dict[str, tuple[int, int]]:
    items, texts = [], []
    for lang, text in SENTENCES.values():
        found = analyse_sentence(text, lang)
        items.append(Item(found.content, lang, found.speaker, stance=found.stance))
        texts.append(text)
    result: Assignment = cluster(items, UseEmbedder(threads=2).embed(texts))
    keys = list(zip(result.existing.tolist(), result.new.tolist()))
    return dict(zip(NAMES, keys))


def _same(grouped: dict[str, tuple[int, int]], *names: str) -> bool:
    return len({grouped[n] for n in names}) == 1


def test_white_house_container_reports_group_across_articles_and_languages(grouped) -> None:
    assert _same(grouped, "wh-a0", "wh-a2", "wh-a3", "wh-en")


def test_both_copies_of_the_peskov_quote_group(grouped) -> None:
    assert _same(grouped, "peskov-a0", "peskov-a2")


def test_lavrov_arrival_reports_group(grouped) -> None:
    assert _same(grouped, "lavrov-a0", "lavrov-a2")


def test_shells_per_day_joins_none_of_those_groups(grouped) -> None:
    others = {grouped[n] for n in ("wh-a0", "peskov-a0", "lavrov-a0", "kremlin", "production")}
    assert grouped["shells"] not in others


def test_different_claims_on_the_same_story_stay_apart(grouped) -> None:
    keys = [grouped[n] for n in ("wh-a0", "peskov-a0", "lavrov-a0", "denies", "production", "kim")]
    assert len(set(keys)) == len(keys)
    assert np.unique([grouped[n] for n in NAMES], axis=0).shape[0] >= 7
