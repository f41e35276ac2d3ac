"""Stage 5, the checks: written PDFs read back (codes, links, print geometry, PDF/UA-1, PDF/X-4), contrast."""
