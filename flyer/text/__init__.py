"""Stage 2, the words: the flyer's own labels, fonts, measuring, French spacing, line breaking, hyphenation."""
