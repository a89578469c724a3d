"""Private: the district maps Libyan law published, as far as their tables were found.

No annexed table was found in a readable copy: the maps below carry the structure
the law publishes (how many districts at each level) and the districts whose seats
a source gives, each with that source. They are marked incomplete, so an election
built on one needs ``partial=True`` until the full table is added.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from electoral.districts._maps import District, DistrictMap
from electoral.law import Citation
from electoral.model import Region

__all__ = ["CDA_2014", "GNC_2012", "HOR_2014", "HOR_2021", "MAPS"]


def _region(name: str, region: Region) -> District:
    return District(
        name=name,
        level="region",
        region=region,
        citation=Citation(
            instrument="Law 17/2013",
            source="https://constitutionnet.org/news/first-session-libyas-constituent-"
            "assembly-set-april-14",
            note="20 seats per region.",
        ),
    )


_HERALD_2014_06_29: Final = Citation(
    instrument="HNEC preliminary results, final batch (29 June 2014)",
    source="https://libyaherald.com/2014/06/election-2014-final-batch-of-preliminary-results-released",
    note="Seats per district as announced with the preliminary results.",
)
_HERALD_2014_04_26: Final = Citation(
    instrument="HNEC re-run of the CDA election in Murzuk and Kufra (26 April 2014)",
    source="https://libyaherald.com/2014/04/constitutional-elections-re-run-in-murzuk",
)
_HERALD_2014_05_03: Final = Citation(
    instrument="HNEC re-run of the CDA election in Obari (3 May 2014)",
    source="http://libyaherald.com/2014/05/03/constitutional-assembly-elections-re-run-in-obari",
    note="One general seat and one Tuareg seat were contested when the district was re-run.",
)

GNC_2012: Final = DistrictMap(
    name="gnc_2012",
    title="General National Congress 2012: constituencies, sub-constituencies, list districts",
    version="Law 14/2012 (National Transitional Council)",
    citation=Citation(
        instrument="Law 14/2012 on the electoral districts of the GNC election",
        article="Art. 1 and its three annexed tables",
        source=(
            "https://lawsociety.ly/legislation/%d9%82%d8%a7%d9%86%d9%88%d9%86-%d8%b1%d9%82%d9%85"
            "-14-%d9%84%d8%b3%d9%86%d8%a9-2012-%d9%85-%d9%81%d9%8a-%d8%b4%d8%a3%d9%86-%d8%aa%d8"
            "%ad%d8%af%d9%8a%d8%af-%d8%a7%d9%84%d8%af%d9%88%d8%a7%d8%a6%d8%b1"
        ),
        primary=True,
        note="The copy found gives the articles without the tables.",
    ),
    districts=(
        District(
            name="Misrata",
            level="list_district",
            seats={"list": 4},
            citation=Citation(
                instrument="HNEC results for Misrata, reported by AFP",
                source="https://english.ahram.org.eg/NewsContent/2/8/47290/World/Region/"
                "-Libyas-election-results-start-trickling-in.aspx",
            ),
        ),
    ),
    published={"constituency": 13, "subconstituency": 73, "list_district": 20},
    note="13 constituencies, 73 sub-constituencies (69 with an individual race) and 20 list "
    "districts (Law 14/2012, summarised by Mandumah record 1295647 and HNEC's "
    "out-of-country Q&A). Only Misrata's 4 list seats were found per district.",
)
"""The 2012 map: its published structure and the districts found."""

CDA_2014: Final = DistrictMap(
    name="cda_2014",
    title="Constitutional Drafting Assembly 2014: regions, constituencies, component areas",
    version="Law 17/2013 (General National Congress, 16 July 2013)",
    citation=Citation(
        instrument="Law 17/2013",
        source="https://docslib.org/doc/7619305/the-2014-constitutional-drafting-assembly-"
        "elections-in-libya-final-report",
        note="The Carter Center's final report reproduces the seat allocation (Appendix D); "
        "that appendix was not read.",
    ),
    districts=(
        _region("Tripolitania", Region.WEST),
        _region("Cyrenaica", Region.EAST),
        _region("Fezzan", Region.SOUTH),
        District(
            name="Murzuk",
            level="subconstituency",
            parent="Fezzan",
            seats={"general": 3, "tebu": 1},
            citation=_HERALD_2014_04_26,
        ),
        District(
            name="Kufra",
            level="component_area",
            parent="Cyrenaica",
            seats={"tebu": 1},
            citation=_HERALD_2014_04_26,
        ),
        District(
            name="Obari",
            level="subconstituency",
            parent="Fezzan",
            seats={"general": 1, "tuareg": 1},
            citation=_HERALD_2014_05_03,
        ),
        District(
            name="Zuwara",
            level="component_area",
            parent="Tripolitania",
            seats={"amazigh": 1},
            citation=_HERALD_2014_04_26,
        ),
        District(
            name="Jebel Nafusa",
            level="component_area",
            parent="Tripolitania",
            seats={"amazigh": 1},
            citation=_HERALD_2014_04_26,
        ),
    ),
    published={"region": 3, "constituency": 11},
    note="3 regions of 20 seats and 11 main constituencies; the sub-constituencies are 46 or "
    "47 (sources disagree; IFES counts 51 distinct ballots). The second Tuareg seat's area "
    "was not found.",
)
"""The 2014 Constitutional Drafting Assembly's map, as far as it was found."""

HOR_2014: Final = DistrictMap(
    name="hor_2014",
    title="House of Representatives 2014: constituencies and electoral districts",
    version="Law 10/2014 as amended by Law 12/2014 (29 April 2014)",
    citation=Citation(
        instrument="Law 10/2014 and its annexed table, as amended by Law 12/2014",
        article="Law 10/2014 Art. 1(4)-(5); Law 12/2014 Art. 1",
        source="https://security-legislation.ly/node/31987",
        primary=True,
        note="Law 12/2014 Art. 1 renamed the table's 'election centres' 'electoral "
        "districts'; the copy found gives the articles without the table.",
    ),
    districts=(
        District(
            name="Sebha",
            level="subconstituency",
            seats={"general": 7},
            citation=_HERALD_2014_06_29,
        ),
        District(
            name="Wadi Shati",
            level="subconstituency",
            seats={"general": 6},
            citation=_HERALD_2014_06_29,
        ),
        District(
            name="Obari",
            level="subconstituency",
            seats={"general": 5},
            citation=_HERALD_2014_06_29,
        ),
        District(
            name="Murzuk",
            level="subconstituency",
            seats={"general": 1},
            citation=_HERALD_2014_06_29,
        ),
        District(
            name="Yefren",
            level="subconstituency",
            seats={"general": 1},
            citation=_HERALD_2014_06_29,
        ),
        District(
            name="Mazda",
            level="subconstituency",
            seats={"general": 1},
            citation=_HERALD_2014_06_29,
        ),
        District(
            name="Derna",
            level="subconstituency",
            seats={"general": 3, "women": 1},
            citation=_HERALD_2014_06_29,
        ),
    ),
    published={"constituency": 13, "subconstituency": 75},
    note="13 constituencies and 75 sub-constituencies with 168 general seats; 32 women's "
    "seats in 27 areas (IPU Parline; MEWC). Only the districts named with their seats in "
    "the preliminary results of 29 June 2014 are listed.",
)
"""The 2014 House of Representatives map, as far as it was found."""

HOR_2021: Final = DistrictMap(
    name="hor_2021",
    title="House of Representatives 2021: the 2014 districts, annexed to Law 2/2021",
    version="Law 2/2021 (House of Representatives, October 2021)",
    citation=Citation(
        instrument="Law 2/2021 and its annexed table",
        article="Art. 45 (the next parliament to review the districts)",
        source="https://libyaherald.com/2021/10/06/new-parliamentary-election-law-based-on-"
        "individual-not-parties-or-list-system",
    ),
    districts=HOR_2014.districts,
    published=HOR_2014.published,
    note="The law reuses the 2014 constituencies; the districts are those of the 2014 map.",
    based_on="hor_2014",
)
"""The 2021 map: the 2014 districts by reference, with the 2021 law's citation."""

MAPS: Final[Mapping[str, DistrictMap]] = MappingProxyType(
    {m.name: m for m in (GNC_2012, CDA_2014, HOR_2014, HOR_2021)}
)
"""The published maps by name. No map was published for the 2023 laws, and a
municipal council is one district."""
