"""Generated flyers for the tests and benchmarks: any format, 1 to 30 resources, any split into sections."""

from __future__ import annotations

KINDS = ("fiche", "video", "site", "dossier", "film", "parcours", "article")
FORMATS: dict[str, str] = {
    "A4 recto": "{size: A4, max_pages: 1}",
    "A4 recto-verso": "{size: A4, max_pages: 2}",
    "A4 landscape recto-verso": "{size: A4, orientation: landscape, max_pages: 2}",
    "A5 recto": "{size: A5, max_pages: 1}",
    "A5 recto-verso": "{size: A5, max_pages: 2}",
    "A5 landscape recto-verso": "{size: A5, orientation: landscape, max_pages: 2}",
    "A6 recto-verso": "{size: A6, max_pages: 2}",
    "DL recto-verso": "{size: DL, max_pages: 2}",
    "letter recto-verso": "{size: letter, max_pages: 2}",
    "trifold": "{size: A4, fold: trifold}",
    "half fold": "{size: A4, fold: half}",
}


def split(count: int, sections: int) -> list[int]:
    """``count`` resources over ``sections`` sections, the first ones one larger (odd splits too)."""
    sections = max(1, min(sections, count))
    base, extra = divmod(count, sections)
    return [base + (1 if s < extra else 0) for s in range(sections)]


def content(
    page: str, count: int, sections: int = 3, long_urls: bool = False, intro: bool = True, org: bool = True
) -> str:
    """A flyer with ``count`` resources: a kind, a title, a one-line description and an address."""
    lines = [
        "title: Budget participatif 2027",
        "subtitle: Les outils pour proposer, voter et suivre les projets",
        f"page: {page}",
    ]
    if org:
        lines.append('organisation: {name: Ville de Saint-Aubin, url: "https://www.saint-aubin.fr/"}')
        lines.append(
            "event: {name: Forum des associations, date: 2027-03-13, place: Salle des fêtes, stand: B4}"
        )
    if intro:
        lines.append(
            "intro: Chaque habitant peut proposer un projet pour son quartier. Voici où tout trouver."
        )
    lines.append("sections:")
    n = 0
    for s, size in enumerate(split(count, sections)):
        lines.append(f"  - title: Étape {s + 1} du parcours\n    items:")
        for _ in range(size):
            path = (
                f"participation/budget-participatif-2027/projets-de-quartier/ressource-{n}-guide-complet?ref=flyer"
                if long_urls
                else f"r/{n}"
            )
            lines.append(
                f"      - kind: {KINDS[n % len(KINDS)]}\n"
                f"        title: Ressource numéro {n + 1}\n"
                f"        description: Une phrase qui dit à quoi elle sert.\n"
                f"        url: https://www.saint-aubin.fr/{path}"
            )
            n += 1
    lines.append("footer: Imprimé par nos soins. Ne pas jeter sur la voie publique.")
    return "\n".join(lines) + "\n"
