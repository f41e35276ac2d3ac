"""Stage 4, the outputs: `Document` → screen PDF (PDF/UA-1), print PDF (PDF/X-4), HTML, office sheets, PNG."""
